import { createTranslator } from '@kyc-kit/core';
import { describe, expect, it } from 'vitest';
import { createProxyClient } from './createProxyClient';
import { translateApiError } from './translateApiError';

/** What the person reads when a gateway in front of the proxy (a CDN, a load balancer) answers `status` itself. */
async function messageForGatewayAnswer(
  status: number,
  headers: Record<string, string> = {},
): Promise<string> {
  const client = createProxyClient({
    fetch: async () => new Response('<html>Gateway</html>', { status, headers }),
  });
  const error: unknown = await client.getCustomer().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return translateApiError(createTranslator('en'), error);
}

describe('translateApiError for an answer from a gateway in front of the proxy', () => {
  it('tells the person to wait when the gateway rate-limits them, not that something broke', async () => {
    await expect(messageForGatewayAnswer(429, { 'Retry-After': '30' })).resolves.toBe(
      'Too many attempts. Wait a moment and try again.',
    );
  });

  it("says the service is briefly unavailable when the gateway's own 503 answers, as the proxy's own 503 does", async () => {
    const proxyOwn = translateApiError(
      createTranslator('en'),
      await createProxyClient({
        fetch: async () =>
          Response.json(
            { error: { code: 'upstream_unavailable', message: 'Busy', retryable: true } },
            { status: 503 },
          ),
      })
        .getCustomer()
        .catch((caught: unknown) => caught),
    );
    expect(proxyOwn).toBe('The service is busy. Try again in a few minutes.');
    await expect(messageForGatewayAnswer(503, { 'Retry-After': '120' })).resolves.toBe(proxyOwn);
  });

  it('keeps the generic message for any other gateway error', async () => {
    await expect(messageForGatewayAnswer(502)).resolves.toBe(
      'Something went wrong on our side. Please try again.',
    );
  });
});
