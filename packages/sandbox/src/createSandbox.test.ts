import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from './createSandbox';
import { createSandboxTestClient, PASSING_INDIVIDUAL } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

const directories: string[] = [];
const clients: SandboxTestClient[] = [];

function temporaryDataPath(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'kyc-kit-sandbox-'));
  directories.push(directory);
  return path.join(directory, 'sandbox.sqlite');
}

function start(options: Parameters<typeof createSandboxTestClient>[0]): SandboxTestClient {
  const client = createSandboxTestClient(options);
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('createSandbox', () => {
  it('generates ES256, Ed25519 and OMS credentials shaped as the providers issue them', async () => {
    const sandbox = createSandbox();
    try {
      expect(sandbox.credentials.coinbase.apiKeySecret).toContain('-----BEGIN EC PRIVATE KEY-----');
      expect(Buffer.from(sandbox.credentials.coinbaseEd25519.apiKeySecret, 'base64')).toHaveLength(64);
      expect(sandbox.credentials.oms.apiKey).not.toBe(sandbox.credentials.oms.apiSecret);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps customers, credentials and published ToS versions across a restart when given a data path', async () => {
    const dataPath = temporaryDataPath();
    const first = start({ dataPath });
    const created = await first.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: PASSING_INDIVIDUAL,
      capabilities: { custodyFiat: { requested: true } },
    });
    await first.control('POST', '/tos', { versionId: 'us_individual_2026-12-01' });
    const credentials = first.sandbox.credentials;
    await first.close();

    const second = start({ dataPath });
    expect(second.sandbox.credentials).toEqual(credentials);
    const read = await second.coinbase('GET', `/platform/v2/customers/${String(created.body.customerId)}`);
    expect(read.status).toBe(200);
    expect(read.body.individual).toEqual({ firstName: 'Jane', lastName: 'Doe' });
    expect(read.body.requirements).toMatchObject({
      fullSsn: { status: 'pending' },
      tos: { tosVersions: [{ versionId: 'us_individual_2026-12-01' }] },
    });
  });

  it('resumes a verification left pending by the previous run', async () => {
    const dataPath = temporaryDataPath();
    const first = start({ dataPath, manual: true });
    const created = await first.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: { firstName: 'Jane' },
      capabilities: { custodyFiat: { requested: true } },
    });
    await first.close();
    const second = start({ dataPath, manual: false, verifyMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const read = await second.coinbase('GET', `/platform/v2/customers/${String(created.body.customerId)}`);
    expect(read.body.requirements).not.toHaveProperty('firstName');
  });

  it('starts empty in memory each time', async () => {
    const first = start({});
    await first.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    const second = start({});
    expect((await second.coinbase('GET', '/platform/v2/customers')).body.customers).toEqual([]);
  });

  it('never stores an SSN, a date of birth or an address in its database file', async () => {
    const dataPath = temporaryDataPath();
    const client = start({ dataPath });
    await client.coinbase(
      'POST',
      '/platform/v2/customers',
      {
        type: 'individual',
        individual: { ...PASSING_INDIVIDUAL, fullSsn: '987-65-4321' },
        capabilities: { custodyFiat: { requested: true } },
      },
      { headers: { 'x-idempotency-key': 'persisted' } },
    );
    await client.close();
    const contents = [dataPath, `${dataPath}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    for (const secret of ['987-65-4321', '500 Main St', '02108', '"1990"'])
      expect(contents).not.toContain(secret);
  });

  it('reset forgets customers, faults and ToS versions but keeps the credentials', async () => {
    const client = start({});
    const credentials = client.sandbox.credentials;
    await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    await client.control('POST', '/tos', { versionId: 'us_individual_2026-12-01' });
    await client.control('POST', '/faults', { kind: 'status', status: 500, path: '/v0.9' });
    expect((await client.control('POST', '/reset')).body).toEqual({ reset: true });
    expect((await client.coinbase('GET', '/platform/v2/customers')).body.customers).toEqual([]);
    expect((await client.control('GET', '/faults')).body.faults).toEqual([]);
    expect((await client.control('GET', '/tos')).body.versions).toMatchObject([
      { versionId: 'us_individual_2026-05-29' },
    ]);
    expect(client.sandbox.credentials).toEqual(credentials);
  });

  it('lists customers of both providers for the control panel', async () => {
    const client = start({});
    await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    await client.oms(
      'POST',
      '/v0.9/customers',
      { type: 'individual' },
      { headers: { 'idempotency-key': 'a' } },
    );
    const listed = await client.control('GET', '/customers');
    expect((listed.body.customers as { provider: string }[]).map((entry) => entry.provider)).toEqual([
      'coinbase',
      'oms',
    ]);
  });

  it('answers unknown control routes and bad control JSON with a JSON error', async () => {
    const client = start({});
    expect((await client.control('POST', '/nothing-here', {})).status).toBe(404);
    const response = await client.sandbox.fetch(
      new Request('http://sandbox.test/sandbox/advance', {
        method: 'POST',
        body: '{',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'body: not valid JSON.' } });
  });
});
