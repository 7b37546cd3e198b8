import { createCoinbaseUpstream, createOmsUpstream } from '@kyc-kit/proxy';
import type { Upstream } from '@kyc-kit/proxy';
import { DEFAULT_TOS_VERSION_ID, createSandbox } from '@kyc-kit/sandbox';
import type { Sandbox } from '@kyc-kit/sandbox';
import type { DemoUpstreamConfig } from './readDemoConfig';

/** The path the sandbox's Terms of Service documents are served under on the demo server. */
export const SANDBOX_MOUNT_PATH = '/sandbox-upstream';

// The in-process sandbox is never reached over the network for API calls:
// this origin only gives the upstream clients a well-formed base URL.
const SANDBOX_INTERNAL_ORIGIN = 'http://sandbox.internal';

/** The upstream the proxy talks to, and the sandbox behind it when there is one. */
export interface DemoUpstream {
  upstream: Upstream;
  /** Which provider's API the proxy speaks (the sandbox simulates either). */
  provider: 'coinbase' | 'oms';
  /** The in-process sandbox, when the upstream is the sandbox. */
  sandbox: Sandbox | null;
  /** Origins the proxy may fetch Terms of Service documents from. */
  tosOrigins: string[];
}

/** How the sandbox hands its webhooks to the proxy without a network hop. */
export type DeliverWebhook = (request: Request) => Promise<Response>;

/**
 * Calls the in-process sandbox. ToS documents carry public URLs under
 * {@link SANDBOX_MOUNT_PATH} (a browser may follow them); the proxy's own
 * reads of them are turned back into the sandbox's path here, so no request
 * ever leaves the process.
 */
function sandboxFetch(sandbox: Sandbox): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.pathname.startsWith(`${SANDBOX_MOUNT_PATH}/`)) {
      url.pathname = url.pathname.slice(SANDBOX_MOUNT_PATH.length);
      return sandbox.fetch(new Request(url, request));
    }
    return sandbox.fetch(request);
  };
}

/**
 * Builds the proxy's upstream from the configuration. For the sandbox, the
 * simulator runs in this process: API calls, ToS reads and webhooks are plain
 * function calls. The ToS documents are also served over HTTP (under
 * {@link SANDBOX_MOUNT_PATH}) because their URLs are public and a browser may open them.
 */
export function createDemoUpstream(
  config: DemoUpstreamConfig,
  options: { publicUrl: string; webhookSecret: string; deliverWebhook: DeliverWebhook },
): DemoUpstream {
  switch (config.kind) {
    case 'coinbase':
      return {
        provider: 'coinbase',
        sandbox: null,
        tosOrigins: ['https://docs.cdp.coinbase.com'],
        upstream: createCoinbaseUpstream({
          baseUrl: config.baseUrl,
          apiKeyId: config.apiKeyId,
          apiKeySecret: config.apiKeySecret,
        }),
      };
    case 'oms':
      return {
        provider: 'oms',
        sandbox: null,
        tosOrigins: ['https://polygon.technology'],
        upstream: createOmsUpstream({
          baseUrl: config.baseUrl,
          apiKey: config.apiKey,
          apiSecret: config.apiSecret,
        }),
      };
    case 'sandbox': {
      const sandboxUrl = `${options.publicUrl}${SANDBOX_MOUNT_PATH}`;
      const sandbox = createSandbox({
        verifyMs: config.verifyMs,
        dialect: config.dialect,
        publicUrl: sandboxUrl,
        ...(config.dataPath === undefined ? {} : { dataPath: config.dataPath }),
        webhooks: {
          url: `${options.publicUrl}/api/onboarding/webhooks/coinbase`,
          omsUrl: `${options.publicUrl}/api/onboarding/webhooks/oms`,
          secret: options.webhookSecret,
        },
        fetch: (input, init) => options.deliverWebhook(new Request(input, init)),
      });
      const fetchFromSandbox = sandboxFetch(sandbox);
      const upstream =
        config.provider === 'coinbase'
          ? createCoinbaseUpstream({
              baseUrl: `${SANDBOX_INTERNAL_ORIGIN}/platform`,
              apiKeyId: sandbox.credentials.coinbase.apiKeyId,
              apiKeySecret: sandbox.credentials.coinbase.apiKeySecret,
              fetch: fetchFromSandbox,
              // The client speaks the dialect the sandbox was started in.
              ...(config.dialect === 'guides'
                ? { updateMethod: 'POST' as const, contactFieldPlacement: 'top-level' as const }
                : {}),
            })
          : createOmsUpstream({
              baseUrl: `${SANDBOX_INTERNAL_ORIGIN}/v0.9`,
              apiKey: sandbox.credentials.oms.apiKey,
              apiSecret: sandbox.credentials.oms.apiSecret,
              fetch: fetchFromSandbox,
              // OMS has one agreement flag and no document URL of its own: show the sandbox's document for it.
              tosVersion: {
                versionId: DEFAULT_TOS_VERSION_ID,
                languages: ['en', 'es'],
                url: `${sandboxUrl}/tos/${DEFAULT_TOS_VERSION_ID}`,
              },
            });
      return {
        provider: config.provider,
        sandbox,
        upstream,
        tosOrigins: [new URL(options.publicUrl).origin],
      };
    }
    default:
      return config satisfies never;
  }
}
