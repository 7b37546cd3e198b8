// Where a CPU profile of the bench's processes spends its time (a tool, not a test):
//   node --conditions=source --import tsx bench/proxy/profile-summary.ts <file.cpuprofile> [by]
// `by` is `file` (default) or `function`. Self time per file or function, in ms and as a share of the time
// the process was busy: idle samples, and samples inside a socket or file write (on a shared machine they
// mostly measure the wait for a CPU, not work), are left out, as is the first second after the first request
// (start-up, module loading). Profiles come from `BENCH_CPU_PROF=<folder> pnpm run bench:proxy`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, by = 'file'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [file|function]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const LEFT_OUT = new Set([
  '(idle)',
  'writev',
  'writeLatin1String',
  'writeUtf8String',
  'writeBuffer',
  'writeString',
]);

function serving(id: number): boolean {
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at))
    if (nodes.get(at)?.callFrame.functionName === 'parserOnIncoming') return true;
  return false;
}

const shortUrl = (url: string): string =>
  url
    .replace(/.*node_modules\/\.pnpm\/([^/]+)\/.*\/([^/]+)$/, '$1 $2')
    .replace(/^.*\/(packages|bench)\//, '$1/');
const totals = new Map<string, number>();
let busy = 0;
let clock = 0;
let from: number | undefined;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  clock += delta;
  if (from === undefined && serving(id)) from = clock + 1_000_000;
  if (from === undefined || clock < from) return;
  const { functionName, url, lineNumber } = (nodes.get(id) as ProfileNode).callFrame;
  if (LEFT_OUT.has(functionName)) return;
  busy += delta;
  const key =
    by === 'function'
      ? `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`
      : shortUrl(url) || functionName;
  totals.set(key, (totals.get(key) ?? 0) + delta);
});
process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms\n`);
for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40))
  process.stdout.write(
    `${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`,
  );
