import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEMO_BUILDS,
  buildState,
  clearStamp,
  describeBuilds,
  hashInputs,
  writeStamp,
} from './build-inputs.mjs';

const folders = [];

/** A small repository with the files a demo build reads. */
function repository() {
  const root = mkdtempSync(path.join(tmpdir(), 'kyc-kit-build-inputs-'));
  folders.push(root);
  const files = {
    'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
    'package.json': '{"name":"kyc-kit"}\n',
    'packages/core/package.json': '{"name":"@kyc-kit/core"}\n',
    'packages/core/src/index.ts': 'export const a = 1;\n',
    'packages/core/src/index.test.ts': 'it("a", () => {});\n',
    'packages/core/node_modules/zod/index.js': 'module.exports = {};\n',
    'apps/demo/package.json': '{"name":"@kyc-kit/demo"}\n',
    'apps/demo/vite.config.ts': 'export default {};\n',
    'apps/demo/index.html': '<!doctype html>\n',
    'apps/demo/src/main.tsx': 'console.log("demo");\n',
    '.storybook/main.ts': 'export default {};\n',
  };
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}

function write(root, file, text) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const [demoBuild, storybookBuild] = DEMO_BUILDS;

/** Builds the demo as far as the stamp is concerned: the output exists and the stamp names the current inputs. */
function built(root, build = demoBuild) {
  write(root, build.output, '<!doctype html>\n');
  writeStamp(root, build, buildState(root, build).hash);
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the demo build inputs', () => {
  it('reuses a build when nothing changed since it', () => {
    const root = repository();
    built(root);
    expect(buildState(root, demoBuild).state).toBe('fresh');
  });

  it('builds again when a source file is edited, added, removed or renamed', () => {
    const root = repository();
    const edits = [
      () => write(root, 'packages/core/src/index.ts', 'export const a = 2;\n'),
      () => write(root, 'apps/demo/src/extra.ts', 'export {};\n'),
      () => rmSync(path.join(root, 'apps/demo/src/extra.ts')),
      () => renameSync(path.join(root, 'apps/demo/src/main.tsx'), path.join(root, 'apps/demo/src/entry.tsx')),
    ];
    for (const edit of edits) {
      built(root);
      edit();
      expect(buildState(root, demoBuild).state).toBe('changed');
    }
  });

  it('builds again when the lockfile or a config changes', () => {
    const root = repository();
    built(root);
    write(root, 'pnpm-lock.yaml', 'lockfileVersion: 9.0\n# vite 8.4\n');
    expect(buildState(root, demoBuild).state).toBe('changed');
    built(root);
    write(root, 'apps/demo/vite.config.ts', 'export default { base: "/" };\n');
    expect(buildState(root, demoBuild).state).toBe('changed');
  });

  it('ignores unit tests, installed dependencies and build outputs', () => {
    const root = repository();
    const before = hashInputs(root, demoBuild.inputs);
    write(root, 'packages/core/src/index.test.ts', 'it("b", () => {});\n');
    write(root, 'packages/core/node_modules/zod/index.js', 'module.exports = { v: 2 };\n');
    write(root, 'apps/demo/dist/assets/index-abc.js', 'console.log(1);\n');
    expect(hashInputs(root, demoBuild.inputs)).toBe(before);
  });

  it('keeps the demo and Storybook apart: a Storybook config change leaves the demo built', () => {
    const root = repository();
    built(root, demoBuild);
    built(root, storybookBuild);
    write(root, '.storybook/main.ts', 'export default { addons: [] };\n');
    expect(buildState(root, demoBuild).state).toBe('fresh');
    expect(buildState(root, storybookBuild).state).toBe('changed');
  });

  it('builds again when the output is gone or the last build did not finish', () => {
    const root = repository();
    built(root);
    rmSync(path.join(root, demoBuild.output));
    expect(buildState(root, demoBuild).state).toBe('missing');

    built(root);
    clearStamp(root, demoBuild);
    expect(buildState(root, demoBuild).state).toBe('missing');
  });

  it('says in one line what is built and what is reused', () => {
    const [demo, storybook] = DEMO_BUILDS.map(({ label }) => label);
    expect(
      describeBuilds([
        { label: demo, state: 'fresh' },
        { label: storybook, state: 'fresh' },
      ]),
    ).toBe('nothing changed since the last build: reusing the demo front-end and Storybook');
    expect(
      describeBuilds([
        { label: demo, state: 'changed' },
        { label: storybook, state: 'fresh' },
      ]),
    ).toBe('building the demo front-end (its inputs changed); reusing Storybook (unchanged)');
    expect(
      describeBuilds([
        { label: demo, state: 'missing' },
        { label: storybook, state: 'missing' },
      ]),
    ).toBe('building the demo front-end (not built yet) and Storybook (not built yet)');
  });
});
