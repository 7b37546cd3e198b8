import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSandboxTestClient, TEST_ORIGIN } from './sandboxTestClient';
import { DEFAULT_TOS_VERSION_ID } from './termsOfService';
import type { SandboxTestClient } from './sandboxTestClient';

let client: SandboxTestClient;

beforeEach(() => {
  client = createSandboxTestClient();
});

afterEach(async () => {
  vi.useRealTimers();
  await client.close();
});

const coinbaseList = '/platform/v2/customers';
const omsList = '/v0.9/customers';
const documentUrl = `${TEST_ORIGIN}/tos/${DEFAULT_TOS_VERSION_ID}`;

describe('status faults', () => {
  it.each([
    [500, 'internal_server_error'],
    [502, 'bad_gateway'],
    [503, 'service_unavailable'],
    [429, 'rate_limit_exceeded'],
  ] as const)('Coinbase answers %i %s for the next N calls, then recovers', async (status, errorType) => {
    const armed = await client.control('POST', '/faults', {
      kind: 'status',
      status,
      path: coinbaseList,
      count: 2,
      retryAfterSeconds: 7,
    });
    expect(armed.status).toBe(201);
    for (let call = 0; call < 2; call += 1) {
      const response = await client.coinbase('GET', coinbaseList);
      expect(response.status).toBe(status);
      expect(response.body.errorType).toBe(errorType);
      expect(response.headers.get('retry-after')).toBe(status === 429 || status === 503 ? '7' : null);
    }
    expect((await client.coinbase('GET', coinbaseList)).status).toBe(200);
  });

  it.each([500, 502, 503, 429] as const)('OMS answers %i in its own error shape', async (status) => {
    await client.omsToken();
    await client.control('POST', '/faults', { kind: 'status', status, path: '/v0.9/customers' });
    const response = await client.oms('GET', omsList);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status });
    expect((await client.oms('GET', omsList)).status).toBe(200);
  });

  it('a status fault on a write does not carry the write out', async () => {
    await client.control('POST', '/faults', {
      kind: 'status',
      status: 503,
      method: 'POST',
      path: coinbaseList,
    });
    expect((await client.coinbase('POST', coinbaseList, { type: 'individual' })).status).toBe(503);
    expect((await client.coinbase('GET', coinbaseList)).body.customers).toEqual([]);
  });

  it('only matches the method it names', async () => {
    await client.control('POST', '/faults', { kind: 'status', status: 500, method: 'POST' });
    expect((await client.coinbase('GET', coinbaseList)).status).toBe(200);
    expect((await client.coinbase('POST', coinbaseList, { type: 'individual' })).status).toBe(500);
  });
});

describe('latency, timeout and malformed faults', () => {
  // These two use the ToS document route: it needs no token, so the request reaches the
  // fault before the fake clock moves (signing and verifying a JWT take real event-loop turns).
  it('adds latency before answering normally', async () => {
    await client.control('POST', '/faults', { kind: 'latency', delayMs: 3000, path: '/tos' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let answered = false;
    const pending = client.sandbox.fetch(new Request(documentUrl)).then((response) => {
      answered = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(2999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it('hangs until the caller gives up (its fetch rejects like a network timeout)', async () => {
    await client.control('POST', '/faults', { kind: 'timeout', path: coinbaseList });
    const controller = new AbortController();
    const token = await client.signToken('GET', `${TEST_ORIGIN}${coinbaseList}`);
    const pending = client.sandbox.fetch(
      new Request(`${TEST_ORIGIN}${coinbaseList}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      }),
    );
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await client.coinbase('GET', coinbaseList)).status).toBe(200);
  });

  it('a timeout with delayMs answers 504 once the delay has passed', async () => {
    await client.control('POST', '/faults', { kind: 'timeout', delayMs: 30_000, path: '/tos' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let answered = false;
    const pending = client.sandbox.fetch(new Request(documentUrl)).then((response) => {
      answered = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const response = await pending;
    expect(response.status).toBe(504);
    expect(((await response.json()) as { errorType: string }).errorType).toBe('timed_out');
  });

  it('sends a malformed body, after carrying the request out', async () => {
    await client.control('POST', '/faults', { kind: 'malformed', method: 'POST', path: coinbaseList });
    const token = await client.signToken('POST', `${TEST_ORIGIN}${coinbaseList}`);
    const response = await client.sandbox.fetch(
      new Request(`${TEST_ORIGIN}${coinbaseList}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'individual' }),
      }),
    );
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect((await client.coinbase('GET', coinbaseList)).body.customers).toHaveLength(1);
  });
});

describe('latency, timeout and malformed faults on OMS', () => {
  it('adds latency to the token exchange', async () => {
    await client.control('POST', '/faults', { kind: 'latency', delayMs: 1500, path: '/v0.9/auth/token' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let answered = false;
    const pending = client
      .oms('POST', '/v0.9/auth/token', client.sandbox.credentials.oms, { token: null })
      .then((response) => {
        answered = true;
        return response;
      });
    await vi.advanceTimersByTimeAsync(1499);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it('hangs an OMS call until the caller aborts', async () => {
    const token = await client.omsToken();
    await client.control('POST', '/faults', { kind: 'timeout', path: omsList });
    const controller = new AbortController();
    const pending = client.sandbox.fetch(
      new Request(`${TEST_ORIGIN}${omsList}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      }),
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('garbles an OMS PATCH answer after applying it', async () => {
    const created = await client.oms(
      'POST',
      omsList,
      { type: 'individual', endorsements: ['basic'] },
      { headers: { 'idempotency-key': 'garble' } },
    );
    const path = `${omsList}/${String(created.body.id)}`;
    await client.control('POST', '/faults', { kind: 'malformed', method: 'PATCH', path });
    const token = await client.omsToken();
    const response = await client.sandbox.fetch(
      new Request(`${TEST_ORIGIN}${path}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ externalId: 'usr_garbled' }),
      }),
    );
    const garbled = await response.text();
    expect(() => JSON.parse(garbled) as unknown).toThrow(SyntaxError);
    expect((await client.oms('GET', path)).body.externalId).toBe('usr_garbled');
  });
});

describe('fault control', () => {
  it('lists armed faults and clears them', async () => {
    await client.control('POST', '/faults', { kind: 'status', status: 500, count: 3 });
    const listed = await client.control('GET', '/faults');
    expect(listed.body.faults).toMatchObject([{ kind: 'status', status: 500, remaining: 3 }]);
    await client.control('DELETE', '/faults');
    expect((await client.control('GET', '/faults')).body.faults).toEqual([]);
    expect((await client.coinbase('GET', coinbaseList)).status).toBe(200);
  });

  it('never applies to the control API itself', async () => {
    await client.control('POST', '/faults', { kind: 'status', status: 500, count: 5 });
    expect((await client.control('GET', '/faults')).status).toBe(200);
  });

  it('refuses a status fault without a status', async () => {
    const response = await client.control('POST', '/faults', { kind: 'status' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('status');
  });
});
