import { createCoinbaseUpstream, createOnboardingHandler } from '@kyc-kit/proxy';
import { createSandbox } from '@kyc-kit/sandbox';
import { createProxyClient } from '../createProxyClient';
import type { ProxyClient } from '../createProxyClient';

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
  close: () => Promise<void>;
}

/**
 * Builds @kyc-kit/sandbox (verification at once) behind @kyc-kit/proxy and a
 * client whose fetch calls the proxy's handler directly: no port, no network.
 */
export function createInProcessProxy(options: { userId?: string } = {}): InProcessProxy {
  // Webhooks go straight to the proxy's handler, so verification results reach the event stream as in production.
  let deliverWebhook: typeof fetch = async () => new Response(null, { status: 503 });
  const sandbox = createSandbox({
    verifyMs: 0,
    publicUrl: SANDBOX_URL,
    webhooks: { url: 'http://localhost/api/onboarding/webhooks/coinbase', secret: WEBHOOK_SECRET },
    fetch: (input, init) => deliverWebhook(input, init),
  });
  const callSandbox: typeof fetch = (input, init) => sandbox.fetch(new Request(input, init));
  const upstream = createCoinbaseUpstream({
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
  const callProxy: typeof fetch = async (input, init) => {
    const request = new Request(new URL(String(input), 'http://localhost'), init);
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    return handler(request, { clientAddress: '203.0.113.7' });
  };
  return {
    client: createProxyClient({ baseUrl: '/api/onboarding', fetch: callProxy }),
    fetch: callProxy,
    requests,
    close: () => sandbox.close(),
  };
}
