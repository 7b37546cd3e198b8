import { describe, expect, it } from 'vitest';
import { createOmsUpstream } from './createOmsUpstream';

const omsCustomer = {
  id: 'cst_01H9Xa8F5dN6mP3q',
  object: 'customer',
  type: 'individual',
  status: 'active',
  signedAgreement: false,
  endorsements: [
    {
      name: 'basic',
      status: 'PENDING',
      requirements: { complete: [], pending: [], missing: ['firstName'], issues: [] },
    },
  ],
};

/** A provider stand-in: hands out numbered tokens and accepts only the ones listed as valid. */
function fakeOms(): {
  fetch: (request: Request) => Promise<Response>;
  tokenRequests: () => number;
  valid: Set<string>;
  seen: string[];
} {
  let issued = 0;
  const valid = new Set<string>();
  const seen: string[] = [];
  return {
    valid,
    seen,
    tokenRequests: () => issued,
    async fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === '/v0.9/auth/token') {
        issued += 1;
        const token = `token-${issued}`;
        valid.add(token);
        return Response.json({
          accessToken: token,
          tokenType: 'bearer',
          expiresIn: 3600,
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        });
      }
      const token = (request.headers.get('authorization') ?? '').replace('Bearer ', '');
      seen.push(token);
      if (!valid.has(token))
        return Response.json(
          { statusCode: 401, code: 'unauthorized', message: 'Invalid token' },
          { status: 401 },
        );
      return Response.json(omsCustomer);
    },
  };
}

describe('createOmsUpstream', () => {
  it('exchanges the key for one token, even for many requests at once', async () => {
    const provider = fakeOms();
    const upstream = createOmsUpstream({
      baseUrl: 'http://oms.test/v0.9',
      apiKey: 'key',
      apiSecret: 'secret',
      fetch: provider.fetch,
    });
    const customers = await Promise.all(
      Array.from({ length: 5 }, () => upstream.getCustomer('cst_01H9Xa8F5dN6mP3q')),
    );
    expect(customers.map((customer) => customer.id)).toEqual(Array(5).fill('cst_01H9Xa8F5dN6mP3q'));
    expect(provider.tokenRequests()).toBe(1);
  });

  it('fetches a new token once when the provider refuses the cached one', async () => {
    const provider = fakeOms();
    const upstream = createOmsUpstream({
      baseUrl: 'http://oms.test/v0.9',
      apiKey: 'key',
      apiSecret: 'secret',
      fetch: provider.fetch,
    });
    await upstream.getCustomer('cst_01H9Xa8F5dN6mP3q');
    provider.valid.clear();
    await upstream.getCustomer('cst_01H9Xa8F5dN6mP3q');
    expect(provider.seen).toEqual(['token-1', 'token-1', 'token-2']);
  });
});
