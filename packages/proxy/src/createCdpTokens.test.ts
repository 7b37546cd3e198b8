import { generateKeyPairSync } from 'node:crypto';
import { createSandbox } from '@kyc-kit/sandbox';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { parseCdpSigningKey } from './createCdpJwt';
import { createCdpTokens, SIGNED_AHEAD_MAX_AGE_MS } from './createCdpTokens';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';

function ed25519Key() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return parseCdpSigningKey({ apiKeyId: 'k', apiKeySecret: Buffer.concat([seed, raw]).toString('base64') });
}

const customer = {
  method: 'GET',
  url: { host: 'api.cdp.coinbase.com', pathname: '/platform/v2/customers/customer_1' },
};

/** A fake clock and a scheduler whose tasks run when the test says. */
function harness(start = Date.UTC(2026, 0, 1)) {
  const clock = { now: start };
  const tasks: (() => void)[] = [];
  const tokens = createCdpTokens(ed25519Key(), {
    now: () => clock.now,
    schedule: (task) => tasks.push(task),
    maxLines: 3,
  });
  const runScheduled = () => {
    for (const task of tasks.splice(0)) task();
  };
  return { clock, tokens, tasks, runScheduled };
}

const nonceOf = (token: string) => decodeProtectedHeader(token).nonce;

describe('createCdpTokens', () => {
  it('signs ahead only once the current turn is over, and hands the token to the next first attempt', () => {
    const { tokens, tasks, runScheduled, clock } = harness();
    tokens.signAhead(customer);
    expect(tokens.size).toBe(0);
    expect(tasks).toHaveLength(1);
    runScheduled();
    expect(tokens.size).toBe(1);
    clock.now += 5_000;
    const token = tokens.take(customer, false);
    expect(tokens.size).toBe(0);
    // Signed when it was signed ahead, for this very request line.
    expect(decodeJwt(token)).toMatchObject({
      uris: ['GET api.cdp.coinbase.com/platform/v2/customers/customer_1'],
      iat: (clock.now - 5_000) / 1000,
    });
  });

  it('never hands out a token twice: of two requests for the same line, one takes it and the other gets a fresh one', () => {
    const { tokens, runScheduled } = harness();
    tokens.signAhead(customer);
    runScheduled();
    const first = tokens.take(customer, false);
    const second = tokens.take(customer, false);
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    // Nothing was signed ahead again in between: the third is fresh too.
    expect(nonceOf(tokens.take(customer, false))).not.toBe(nonceOf(second));
  });

  it('signs one token per line however many calls to it answered in the turn, and none while one young enough waits', () => {
    const { tokens, tasks, runScheduled, clock } = harness();
    for (let index = 0; index < 10; index += 1) tokens.signAhead(customer);
    expect(tasks).toHaveLength(1);
    runScheduled();
    const held = tokens.take(customer, true);
    // take(…, true) did not touch the held token; a later signAhead finds it young and keeps it.
    clock.now += 1_000;
    tokens.signAhead(customer);
    runScheduled();
    const taken = tokens.take(customer, false);
    expect(decodeJwt(taken).iat).toBe((clock.now - 1_000) / 1000);
    expect(nonceOf(taken)).not.toBe(nonceOf(held));
  });

  it('does not use a token signed ahead too long ago, and drops it', () => {
    const { tokens, runScheduled, clock } = harness();
    tokens.signAhead(customer);
    runScheduled();
    clock.now += SIGNED_AHEAD_MAX_AGE_MS;
    const token = tokens.take(customer, false);
    expect(decodeJwt(token).iat).toBe(clock.now / 1000);
    expect(tokens.size).toBe(0);
  });

  it('does not use a token signed "in the future" when the clock was set back', () => {
    const { tokens, runScheduled, clock } = harness();
    tokens.signAhead(customer);
    runScheduled();
    clock.now -= 10_000;
    expect(decodeJwt(tokens.take(customer, false)).iat).toBe(clock.now / 1000);
  });

  it('signs a retry afresh and leaves the token signed ahead for the next call', () => {
    const { tokens, runScheduled, clock } = harness();
    tokens.signAhead(customer);
    runScheduled();
    clock.now += 2_000;
    const retry = tokens.take(customer, true);
    expect(decodeJwt(retry).iat).toBe(clock.now / 1000);
    expect(tokens.size).toBe(1);
    expect(decodeJwt(tokens.take(customer, false)).iat).toBe((clock.now - 2_000) / 1000);
  });

  it('holds at most maxLines lines, the oldest going first', () => {
    const { tokens, runScheduled } = harness();
    const line = (id: number) => ({ method: 'GET', url: { host: 'h', pathname: `/c/${id}` } });
    for (let id = 1; id <= 5; id += 1) {
      tokens.signAhead(line(id));
      runScheduled();
    }
    expect(tokens.size).toBe(3);
    const issued = (id: number) => decodeJwt(tokens.take(line(id), false)).uris;
    // Lines 1 and 2 were dropped: their tokens are fresh ones, and taking them adds nothing.
    expect(issued(1)).toEqual(['GET h/c/1']);
    expect(tokens.size).toBe(3);
    issued(3);
    expect(tokens.size).toBe(2);
  });

  it('keeps the lines waiting for a signature bounded when the scheduled task never runs', () => {
    const { tokens, tasks } = harness();
    for (let id = 0; id < 10; id += 1)
      tokens.signAhead({ method: 'GET', url: { host: 'h', pathname: `/c/${id}` } });
    expect(tasks).toHaveLength(1);
    tasks[0]?.();
    expect(tokens.size).toBe(3);
  });
});

describe('createCoinbaseUpstream signing ahead, against the sandbox', () => {
  const iatOf = (header: string) => decodeJwt(header.slice('Bearer '.length)).iat;
  /** The turn after an answer, when the token for the next call is signed. */
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('sends the token signed after one call with the next call, each token once, and the sandbox (nonce memory, iat, exp <= 120 s) accepts them', async () => {
    const start = Date.UTC(2026, 0, 1);
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const sandbox = createSandbox({ verifyMs: 0 });
    try {
      const sent: string[] = [];
      const upstream = createCoinbaseUpstream({
        baseUrl: 'http://sandbox.test/platform',
        ...sandbox.credentials.coinbaseEd25519,
        fetch: (request) => {
          sent.push(request.headers.get('authorization') ?? '');
          return sandbox.fetch(request);
        },
      });
      const created = await upstream.createCustomer(
        { type: 'individual', capabilities: { custodyFiat: { requested: true } } },
        { idempotencyKey: crypto.randomUUID(), requesterIpAddress: '203.0.113.42' },
      );
      await upstream.getCustomer(created.id);
      await nextTurn();
      vi.setSystemTime(start + 10_000);
      // Two concurrent reads of one line: one takes the token signed ahead, the other signs its own.
      await Promise.all([upstream.getCustomer(created.id), upstream.getCustomer(created.id)]);
      await nextTurn();
      vi.setSystemTime(start + 20_000);
      await upstream.getCustomer(created.id);
      expect(sent.map(iatOf)).toEqual(
        [start, start, start, start + 10_000, start + 10_000].map((ms) => ms / 1000),
      );
      expect(new Set(sent).size).toBe(sent.length);
    } finally {
      vi.useRealTimers();
      await sandbox.close();
    }
  });

  it('signs a retry afresh, and signs nothing ahead after a call that failed', async () => {
    const start = Date.UTC(2026, 0, 1);
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const sandbox = createSandbox({ verifyMs: 0 });
    try {
      const sent: string[] = [];
      let failNext = 0;
      const upstream = createCoinbaseUpstream({
        baseUrl: 'http://sandbox.test/platform',
        ...sandbox.credentials.coinbaseEd25519,
        retry: { retries: 1, sleep: () => Promise.resolve() },
        fetch: (request) => {
          sent.push(request.headers.get('authorization') ?? '');
          if (failNext > 0) {
            failNext -= 1;
            return Promise.resolve(new Response('{}', { status: 503 }));
          }
          return sandbox.fetch(request);
        },
      });
      const created = await upstream.createCustomer(
        { type: 'individual', capabilities: { custodyFiat: { requested: true } } },
        { idempotencyKey: crypto.randomUUID(), requesterIpAddress: '203.0.113.42' },
      );
      await upstream.getCustomer(created.id);
      await nextTurn();
      vi.setSystemTime(start + 10_000);
      failNext = 1;
      await upstream.getCustomer(created.id);
      // The first attempt took the token signed ahead; its retry was signed now.
      expect(sent.slice(2).map(iatOf)).toEqual([start / 1000, start / 1000 + 10]);
      await nextTurn();
      vi.setSystemTime(start + 20_000);
      failNext = 2;
      await expect(upstream.getCustomer(created.id)).rejects.toMatchObject({ status: 503 });
      await nextTurn();
      vi.setSystemTime(start + 30_000);
      await upstream.getCustomer(created.id);
      // The failed call (two attempts) took the token signed after the retried one's answer, and nothing was signed after it.
      expect(sent.slice(4).map(iatOf)).toEqual([start / 1000 + 10, start / 1000 + 20, start / 1000 + 30]);
      expect(new Set(sent).size).toBe(sent.length);
    } finally {
      vi.useRealTimers();
      await sandbox.close();
    }
  });
});
