import { generateKeyPairSync } from 'node:crypto';
import { createSandbox, type Sandbox } from '@kyc-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createCdpJwt, parseCdpSigningKey } from './createCdpJwt';
import { createCoinbaseUpstream, toTopLevelContactFields } from './createCoinbaseUpstream';
import { UpstreamError } from './UpstreamError';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.close();
});

const baseUrl = 'http://sandbox.test/platform';
const context = {
  idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324',
  requesterIpAddress: '203.0.113.42',
};

function start(): Sandbox {
  const sandbox = createSandbox({ verifyMs: 0 });
  sandboxes.push(sandbox);
  return sandbox;
}

describe('createCoinbaseUpstream against the sandbox', () => {
  it('is accepted with the ES256 and the Ed25519 key alike', async () => {
    const sandbox = start();
    for (const key of [sandbox.credentials.coinbase, sandbox.credentials.coinbaseEd25519]) {
      const upstream = createCoinbaseUpstream({
        baseUrl,
        ...key,
        fetch: (request) => sandbox.fetch(request),
      });
      const customer = await upstream.createCustomer(
        { type: 'individual', capabilities: { custodyFiat: { requested: true } } },
        { ...context, idempotencyKey: crypto.randomUUID() },
      );
      expect((await upstream.getCustomer(customer.id)).id).toBe(customer.id);
    }
  });

  it('gets 401 when the key id is right but the signing key is not', async () => {
    const sandbox = start();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const impostor = createCoinbaseUpstream({
      baseUrl,
      apiKeyId: sandbox.credentials.coinbase.apiKeyId,
      apiKeySecret: privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
      fetch: (request) => sandbox.fetch(request),
    });
    const failure = await impostor
      .createCustomer({ type: 'individual' }, context)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).status).toBe(401);
  });

  it('gets 401 for a token used on another path, or an expired one', async () => {
    const sandbox = start();
    const key = parseCdpSigningKey(sandbox.credentials.coinbase);
    const listUrl = new URL(`${baseUrl}/v2/customers`);
    const otherPath = await createCdpJwt(key, {
      method: 'GET',
      url: new URL(`${baseUrl}/v2/customers/customer_00000000-0000-0000-0000-000000000000`),
    });
    const otherMethod = await createCdpJwt(key, { method: 'POST', url: listUrl });
    const expired = await createCdpJwt(key, { method: 'GET', url: listUrl }, Date.now() - 10 * 60_000);
    const valid = await createCdpJwt(key, { method: 'GET', url: listUrl });
    const list = (token: string): Promise<Response> =>
      sandbox.fetch(new Request(listUrl, { headers: { authorization: `Bearer ${token}` } }));
    expect((await list(otherPath)).status).toBe(401);
    expect((await list(otherMethod)).status).toBe(401);
    expect((await list(expired)).status).toBe(401);
    expect((await list(valid)).status).toBe(200);
  });

  it('signs a fresh token for every call and every retry, which the sandbox takes once each', async () => {
    const sandbox = start();
    // The first answer is lost after the sandbox has accepted its token: the retry must not send it again.
    let lose = true;
    const upstream = createCoinbaseUpstream({
      baseUrl,
      ...sandbox.credentials.coinbaseEd25519,
      retry: { retries: 2, baseDelayMs: 0, maxDelayMs: 0 },
      fetch: async (request) => {
        const answer = await sandbox.fetch(request);
        if (!lose) return answer;
        lose = false;
        return new Response('{"errorType":"service_unavailable","errorMessage":"Try again."}', {
          status: 503,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const customer = await upstream.createCustomer(
      { type: 'individual', capabilities: { custodyFiat: { requested: true } } },
      context,
    );
    for (let call = 0; call < 3; call += 1)
      expect((await upstream.getCustomer(customer.id)).id).toBe(customer.id);
  });

  it('keeps the provider error type and drops its message', async () => {
    const sandbox = start();
    const upstream = createCoinbaseUpstream({
      baseUrl,
      ...sandbox.credentials.coinbase,
      fetch: (request) => sandbox.fetch(request),
    });
    const failure = await upstream
      .getCustomer('customer_00000000-0000-0000-0000-000000000000')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ failure: 'http', status: 404, errorType: 'not_found' });
    expect((failure as Error).message).toBe('upstream http 404 not_found');
  });
});

describe('toTopLevelContactFields (the guides placement)', () => {
  it('moves email and phoneNumber out of individual, keeping the rest', () => {
    expect(
      toTopLevelContactFields({
        individual: { firstName: 'Jane', email: 'jane@example.com', phoneNumber: '+14155550100' },
        compliance: { requesterIpAddress: '203.0.113.42' },
      }),
    ).toEqual({
      individual: { firstName: 'Jane' },
      email: 'jane@example.com',
      phone: '+14155550100',
      compliance: { requesterIpAddress: '203.0.113.42' },
    });
    expect(toTopLevelContactFields({ individual: { email: 'jane@example.com' } })).toEqual({
      email: 'jane@example.com',
    });
    const untouched = { individual: { fullSsn: '123-45-6789' } };
    expect(toTopLevelContactFields(untouched)).toBe(untouched);
  });
});
