import {
  createCdpJwt,
  createCoinbaseUpstream,
  createOmsUpstream,
  createOnboardingHandler,
  parseCdpSigningKey,
} from '@kyc-kit/proxy';
import { createSandbox, DEFAULT_TOS_VERSION_ID } from '@kyc-kit/sandbox';
import { createProxyClient } from '@kyc-kit/hooks';
import type { ProxyClient } from '@kyc-kit/hooks';

/** Where the in-process sandbox pretends to live; the proxy fetches ToS documents from it. */
const SANDBOX_URL = 'http://sandbox.test';
const WEBHOOK_SECRET = 'in-process-webhook-secret';

/** The real proxy in front of the real sandbox, in this process, for one fixed test user. */
export interface InProcessProxy {
  client: ProxyClient;
  /** The browser-side fetch (the proxy handler, in process). */
  fetch: typeof fetch;
  /** Every request the browser side sent, as `METHOD path`. */
  requests: string[];
  /**
   * Loses the answer of the next browser request whose `METHOD path` is `request`: the proxy (and the provider behind
   * it) carry it out, then the browser's fetch rejects as on a dropped connection.
   */
  dropNextAnswer: (request: string) => void;
  /**
   * Holds the next browser request whose `METHOD path` is `request` (a slow network) until the returned function is
   * called; only then does the proxy see it.
   */
  holdNext: (request: string) => () => void;
  /**
   * Deletes a customer at the provider the way a partner's back office would (a signed
   * `DELETE /v2/customers/{id}`); the sandbox then sends `customers.customer.deleted` to the proxy. Resolves the status.
   */
  deleteCustomerUpstream: (customerId: string) => Promise<number>;
  close: () => Promise<void>;
}

/**
 * Builds @kyc-kit/sandbox (verification at once) behind @kyc-kit/proxy and a
 * client whose fetch calls the proxy's handler directly: no port, no network.
 */
export function createInProcessProxy(
  options: { userId?: string; provider?: 'coinbase' | 'oms' } = {},
): InProcessProxy {
  // Webhooks go straight to the proxy's handler, so verification results reach the event stream as in production.
  let deliverWebhook: typeof fetch = async () => new Response(null, { status: 503 });
  const sandbox = createSandbox({
    verifyMs: 0,
    publicUrl: SANDBOX_URL,
    webhooks: {
      url: 'http://localhost/api/onboarding/webhooks/coinbase',
      omsUrl: 'http://localhost/api/onboarding/webhooks/oms',
      secret: WEBHOOK_SECRET,
    },
    fetch: (input, init) => deliverWebhook(input, init),
  });
  const callSandbox: typeof fetch = (input, init) => sandbox.fetch(new Request(input, init));
  const upstream =
    options.provider === 'oms'
      ? createOmsUpstream({
          baseUrl: `${SANDBOX_URL}/v0.9`,
          apiKey: sandbox.credentials.oms.apiKey,
          apiSecret: sandbox.credentials.oms.apiSecret,
          fetch: callSandbox,
          // OMS has no document URL of its own: the sandbox's document stands in for its agreement flag.
          tosVersion: {
            versionId: DEFAULT_TOS_VERSION_ID,
            languages: ['en'],
            url: `${SANDBOX_URL}/tos/${DEFAULT_TOS_VERSION_ID}`,
          },
        })
      : createCoinbaseUpstream({
          baseUrl: `${SANDBOX_URL}/platform`,
          apiKeyId: sandbox.credentials.coinbase.apiKeyId,
          apiKeySecret: sandbox.credentials.coinbase.apiKeySecret,
          fetch: callSandbox,
        });
  const handler = createOnboardingHandler({
    upstream,
    resolveUser: () => ({ id: options.userId ?? 'test-user' }),
    webhookSecret: WEBHOOK_SECRET,
    tosOrigins: [SANDBOX_URL],
  });
  deliverWebhook = (input, init) => handler(new Request(input, init));
  const requests: string[] = [];
  const answersToDrop: string[] = [];
  const holds: { request: string; released: Promise<void> }[] = [];
  const callProxy: typeof fetch = async (input, init) => {
    const request = new Request(new URL(String(input), 'http://localhost'), init);
    const name = `${request.method} ${new URL(request.url).pathname}`;
    requests.push(name);
    const holdIndex = holds.findIndex((hold) => hold.request === name);
    if (holdIndex !== -1) await holds.splice(holdIndex, 1)[0]?.released;
    // A request the page gave up on while it was held never reaches the server, as in a browser.
    if (request.signal.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const response = await handler(request, { clientAddress: '203.0.113.7' });
    const dropIndex = answersToDrop.indexOf(name);
    if (dropIndex === -1) return response;
    answersToDrop.splice(dropIndex, 1);
    await response.body?.cancel();
    throw new TypeError('Failed to fetch');
  };
  const deleteCustomerUpstream = async (customerId: string) => {
    const url = new URL(`${SANDBOX_URL}/platform/v2/customers/${customerId}`);
    const token = await createCdpJwt(parseCdpSigningKey(sandbox.credentials.coinbase), {
      method: 'DELETE',
      url,
    });
    const headers = { authorization: `Bearer ${token}`, 'x-idempotency-key': globalThis.crypto.randomUUID() };
    return (await sandbox.fetch(new Request(url, { method: 'DELETE', headers }))).status;
  };
  return {
    client: createProxyClient({ baseUrl: '/api/onboarding', fetch: callProxy }),
    fetch: callProxy,
    requests,
    dropNextAnswer: (request) => {
      answersToDrop.push(request);
    },
    holdNext: (request) => {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ request, released });
      return release;
    },
    deleteCustomerUpstream,
    close: () => sandbox.close(),
  };
}
