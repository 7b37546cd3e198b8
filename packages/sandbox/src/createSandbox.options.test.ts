import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, type SandboxOptions } from './createSandbox';

// What a partner's test setup gets wrong (a `process.env` value that is unset or a string, a misspelt
// dialect, a data folder not made yet): refused by createSandbox, naming the option, before anything runs.

const folder = mkdtempSync(path.join(tmpdir(), 'kyc-sandbox-options-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('createSandbox refuses options it cannot work with', () => {
  it.each<[string, unknown, string | RegExp]>([
    [
      'a data file in a folder that does not exist',
      { dataPath: path.join(folder, 'state', 'sandbox.sqlite') },
      `createSandbox: dataPath: the folder ${path.join(folder, 'state')} does not exist (create it first)`,
    ],
    [
      'the data path itself instead of the options',
      './sandbox.sqlite',
      'createSandbox: pass { dataPath: "./sandbox.sqlite" }, not the path itself',
    ],
    [
      'a misspelt dialect',
      { dialect: 'guide' },
      'createSandbox: dialect must be one of spec, guides, got "guide"',
    ],
    [
      'verifyMs read from the environment',
      { verifyMs: '0' },
      'createSandbox: verifyMs must be a number of at least 0, got "0"',
    ],
    [
      'a public URL without its scheme',
      { publicUrl: 'localhost:4010' },
      /^createSandbox: publicUrl must be an absolute http\(s\) URL/,
    ],
    [
      'a webhook secret that is not set',
      { webhooks: { url: 'http://localhost:3000/api/onboarding/webhooks/coinbase', secret: undefined } },
      /^createSandbox: webhooks\.secret is missing or empty: .*environment variable/,
    ],
    [
      'a webhook url that is not set',
      { webhooks: { secret: 'whsec_dev' } },
      /^createSandbox: webhooks\.url must be an absolute http\(s\) URL/,
    ],
  ])('%s', (_case, options, message) => {
    expect(() => createSandbox(options as SandboxOptions)).toThrow(message);
  });

  it('never quotes a webhook secret it refuses', () => {
    expect(() => createSandbox({ webhooks: { url: 'not a url', secret: 'whsec_do_not_print' } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('whsec_do_not_print') as string }),
    );
  });

  it('still starts with good ones', async () => {
    const sandbox = createSandbox({
      dataPath: path.join(folder, 'sandbox.sqlite'),
      verifyMs: 0,
      dialect: 'guides',
    });
    await sandbox.close();
  });
});
