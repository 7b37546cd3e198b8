import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { OnboardingHandler } from './createOnboardingHandler';

/**
 * Adapts an {@link OnboardingHandler} to `node:http`: the result can be
 * passed to `http.createServer` or mounted in Express or Connect. It fills
 * `clientAddress` from the socket, which is what the proxy sends upstream as
 * the end-user's IP (or the first hop `trustedProxyCount` is counted from).
 */
export function createNodeListener(
  handler: OnboardingHandler,
): (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> {
  return getRequestListener(
    (request, bindings) => handler(request, { clientAddress: bindings.incoming.socket.remoteAddress }),
    {
      // Leave the partner's global Request and Response alone.
      overrideGlobalObjects: false,
    },
  );
}
