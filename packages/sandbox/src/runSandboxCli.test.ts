import { spawn } from 'node:child_process';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSandboxCliArguments, runSandboxCli, SANDBOX_CLI_USAGE } from './runSandboxCli';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('kyc-kit-sandbox command line', () => {
  it('defaults to port 4010, in memory, automatic verification', () => {
    expect(parseSandboxCliArguments([])).toEqual({
      kind: 'serve',
      port: 4010,
      host: '127.0.0.1',
      options: { manual: false },
    });
  });

  it('reads every option', () => {
    const command = parseSandboxCliArguments([
      '--port',
      '4020',
      '--data',
      '/tmp/sandbox.sqlite',
      '--verify-ms',
      '0',
      '--manual',
      '--webhook-url',
      'http://localhost:3000/api/onboarding/webhooks/coinbase',
      '--webhook-secret',
      's3cret',
      '--webhook-format',
      'guides',
      '--oms-webhook-url',
      'http://localhost:3000/api/onboarding/webhooks/oms',
      '--credentials-file',
      '/tmp/keys.json',
      '--public-url',
      'https://sandbox.example',
    ]);
    expect(command).toEqual({
      kind: 'serve',
      port: 4020,
      host: '127.0.0.1',
      credentialsFile: '/tmp/keys.json',
      options: {
        publicUrl: 'https://sandbox.example',
        manual: true,
        dataPath: '/tmp/sandbox.sqlite',
        verifyMs: 0,
        webhooks: {
          url: 'http://localhost:3000/api/onboarding/webhooks/coinbase',
          secret: 's3cret',
          format: 'guides',
          omsUrl: 'http://localhost:3000/api/onboarding/webhooks/oms',
        },
      },
    });
  });

  it('asks for help', () => {
    expect(parseSandboxCliArguments(['--help'])).toEqual({ kind: 'help' });
    expect(SANDBOX_CLI_USAGE).toContain('--verify-ms');
  });

  it('prints a usage naming every option on --help, and exits 0 without serving', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    expect(await runSandboxCli(['--help'])).toBe(0);
    const text = printed.join('');
    for (const option of [
      '--port',
      '--host',
      '--public-url',
      '--data',
      '--verify-ms',
      '--manual',
      '--webhook-url',
      '--webhook-secret',
      '--webhook-format',
      '--oms-webhook-url',
      '--credentials-file',
      '--help',
    ])
      expect(text, option).toContain(option);
  });

  it('explains bad usage on stderr with the usage, and exits 2', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    expect(await runSandboxCli(['--verify-ms', 'soon'])).toBe(2);
    expect(printed.join('')).toContain('--verify-ms must be a whole number of milliseconds.');
    expect(printed.join('')).toContain('Usage: kyc-kit-sandbox');
  });

  it.each([
    [['--port', 'eighty']],
    [['--verify-ms', '-1']],
    [['--webhook-url', 'http://localhost:3000/hooks']],
    [['--webhook-url', 'http://x.test', '--webhook-secret', 's', '--webhook-format', 'xml']],
    [['--unknown']],
  ])('refuses %j', (argv) => {
    expect(parseSandboxCliArguments(argv)).toMatchObject({ kind: 'error' });
  });
});

describe('kyc-kit-sandbox binary', () => {
  it('starts from the sources without a build, prints and writes credentials, and serves both APIs', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'kyc-kit-cli-'));
    const credentialsFile = path.join(directory, 'credentials.json');
    const bin = new URL('../bin/kyc-kit-sandbox.mjs', import.meta.url);
    const child = spawn(
      process.execPath,
      [bin.pathname, '--port', '0', '--verify-ms', '0', '--credentials-file', credentialsFile],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match?.[1] !== undefined && output.includes('"oms"')) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
      });
      const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as {
        coinbase: { apiKeyId: string; apiKeySecret: string };
        oms: { apiKey: string; apiSecret: string };
      };
      const url = new URL('/platform/v2/customers', origin);
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ uris: [`GET ${url.host}${url.pathname}`] })
        .setProtectedHeader({
          alg: 'ES256',
          kid: credentials.coinbase.apiKeyId,
          typ: 'JWT',
          nonce: randomBytes(16).toString('hex'),
        })
        .setSubject(credentials.coinbase.apiKeyId)
        .setIssuer('cdp')
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + 120)
        .sign(createPrivateKey(credentials.coinbase.apiKeySecret));
      const list = await fetch(url, { headers: { authorization: `Bearer ${jwt}` } });
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual({ customers: [] });
      const token = await fetch(new URL('/v0.9/auth/token', origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(credentials.oms),
      });
      expect(token.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
