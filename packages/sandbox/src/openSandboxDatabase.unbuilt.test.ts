// pnpm 10 runs no dependency's build script unless the app allows it: better-sqlite3 is then installed but
// its native module never built, and the first database it opens fails with "Could not locate the bindings
// file" and a list of paths. The sandbox (library and command) says what to run instead.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

const unbuilt = vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { appWithUnbuiltBetterSqlite3 } = await import('@kyc-kit/testing/unbuiltBetterSqlite3');
  const folder = mkdtempSync(path.join(tmpdir(), 'kyc-sandbox-unbuilt-sqlite-'));
  const require = appWithUnbuiltBetterSqlite3(folder, import.meta.url);
  return { folder, Database: require('better-sqlite3') as unknown };
});

vi.mock('better-sqlite3', async () => ({ default: (await unbuilt).Database }));

afterAll(async () => rmSync((await unbuilt).folder, { recursive: true, force: true }));

const fix = [/not built/, /pnpm approve-builds/, /onlyBuiltDependencies/, /npm rebuild better-sqlite3/];

describe('better-sqlite3 installed without its native build', () => {
  it('createSandbox names the fix, not the paths the bindings were looked for in', async () => {
    const { createSandbox } = await import('./createSandbox');
    let message = '';
    try {
      createSandbox();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const part of fix) expect(message).toMatch(part);
    expect(message).not.toContain('Could not locate the bindings file');
  });

  it('the command says it in one line on standard error and exits 1', async () => {
    const { runSandboxCli } = await import('./runSandboxCli');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const exitCode = await runSandboxCli(['--port', '0']);
    vi.restoreAllMocks();
    expect(exitCode).toBe(1);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^kyc-kit-sandbox: .*pnpm approve-builds.*\n$/);
  });
});
