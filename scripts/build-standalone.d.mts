/** One chunk of the elements' standalone build, as Rollup gives it. */
export interface StandaloneChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  moduleIds: string[];
}

/** Every chunk of the standalone build: the entry (`standalone.js`) and the phone files it imports beside it. */
export function buildStandaloneChunks(): Promise<StandaloneChunk[]>;
