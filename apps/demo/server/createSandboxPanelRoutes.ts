import { COINBASE_CAPABILITY_STATUSES, OMS_ENDORSEMENT_STATUSES } from '@kyc-kit/core/server';
import type { OnboardingHandler } from '@kyc-kit/proxy';
import { COINBASE_CAPABILITIES, OMS_ENDORSEMENTS } from '@kyc-kit/sandbox';
import type { Sandbox } from '@kyc-kit/sandbox';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { DemoSessions } from './createDemoSessions';

/** What the sandbox panel needs to wire its controls. */
export interface SandboxPanelOptions {
  sandbox: Sandbox;
  provider: 'coinbase' | 'oms';
  sessions: DemoSessions;
  /** The proxy, asked which customer belongs to the signed-in user. */
  onboardingHandler: OnboardingHandler;
  apiBasePath: string;
  /**
   * The origin the browser's pages have (`PUBLIC_URL`): behind a load balancer that terminates TLS the
   * request reaches the demo as http, while the page, and so its `Origin`, is https.
   */
  publicOrigin: string;
}

/** What `GET /api/demo/sandbox` answers: the controls that make sense for this provider. */
export interface SandboxPanelInfo {
  provider: 'coinbase' | 'oms';
  /** The signed-in user's customer, once onboarding has created one. */
  customerId: string | null;
  /** Names the sandbox accepts for a forced status: capabilities (Coinbase) or endorsements (OMS). */
  capabilities: readonly string[];
  /** Statuses in the provider's own vocabulary. */
  statuses: readonly string[];
}

const SANDBOX_ORIGIN = 'http://sandbox.internal';

function refuse(context: Context, status: 400 | 401 | 403 | 404 | 409 | 415, code: string, message: string) {
  return context.json({ error: { code, message } }, status);
}

/**
 * The demo's sandbox panel API, under `/api/demo/sandbox`: it forwards to the
 * sandbox's `/sandbox` control routes, but only ever for the signed-in user's
 * own customer, so one tester cannot change another's statuses.
 */
export function createSandboxPanelRoutes(options: SandboxPanelOptions): Hono {
  const { sandbox, provider, sessions } = options;
  const capabilities: readonly string[] = provider === 'coinbase' ? COINBASE_CAPABILITIES : OMS_ENDORSEMENTS;
  const statuses: readonly string[] =
    provider === 'coinbase' ? COINBASE_CAPABILITY_STATUSES : OMS_ENDORSEMENT_STATUSES;

  /** The user's customer id, read through the proxy exactly as the browser would read it. */
  async function customerIdFor(request: Request): Promise<string | null> {
    const url = new URL(`${options.apiBasePath}/customer`, request.url);
    const cookie = request.headers.get('cookie');
    const response = await options.onboardingHandler(
      new Request(url, { method: 'GET', headers: cookie === null ? {} : { cookie } }),
    );
    if (!response.ok) return null;
    const body = (await response.json()) as { customer?: { id?: unknown } };
    return typeof body.customer?.id === 'string' ? body.customer.id : null;
  }

  async function control(path: string, body: unknown): Promise<Response> {
    const answer = await sandbox.fetch(
      new Request(`${SANDBOX_ORIGIN}/sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    const payload = (await answer.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!answer.ok) {
      return Response.json(
        {
          error: {
            code: 'sandbox_refused',
            message: payload.error?.message ?? `The sandbox answered ${answer.status}.`,
          },
        },
        { status: 400 },
      );
    }
    return Response.json({ ok: true });
  }

  const app = new Hono();

  app.use('*', async (context, next) => {
    if ((await sessions.userFrom(context.req.raw)) === null) {
      return refuse(context, 401, 'unauthorized', 'Sign in first.');
    }
    if (context.req.method !== 'GET') {
      // Writes must come from this site, as JSON: a cross-site form can do neither.
      const origin = context.req.header('origin');
      if (
        origin !== undefined &&
        origin !== options.publicOrigin &&
        origin !== new URL(context.req.url).origin
      ) {
        return refuse(context, 403, 'forbidden_origin', 'Cross-site requests are refused.');
      }
      if (!(context.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return refuse(context, 415, 'unsupported_media_type', 'Send JSON.');
      }
    }
    context.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/', async (context) => {
    const info: SandboxPanelInfo = {
      provider,
      customerId: await customerIdFor(context.req.raw),
      capabilities,
      statuses,
    };
    return context.json(info);
  });

  app.post('/capabilities', async (context) => {
    const body = (await context.req.json().catch(() => null)) as {
      capability?: unknown;
      status?: unknown;
    } | null;
    const capability = body?.capability;
    const status = body?.status;
    if (typeof capability !== 'string' || !capabilities.includes(capability)) {
      return refuse(context, 400, 'invalid_capability', `Choose one of ${capabilities.join(', ')}.`);
    }
    if (typeof status !== 'string' || !statuses.includes(status)) {
      return refuse(context, 400, 'invalid_status', `Choose one of ${statuses.join(', ')}.`);
    }
    const customerId = await customerIdFor(context.req.raw);
    if (customerId === null) return refuse(context, 409, 'no_customer', 'Start onboarding first.');
    return control(
      `/customers/${encodeURIComponent(customerId)}/capabilities/${encodeURIComponent(capability)}`,
      {
        status,
      },
    );
  });

  app.post('/advance', async (context) => {
    const customerId = await customerIdFor(context.req.raw);
    if (customerId === null) return refuse(context, 409, 'no_customer', 'Start onboarding first.');
    return control('/advance', { customerId });
  });

  app.post('/tos', async () => {
    // A new version id each time: customers who accepted the current one now owe the new one.
    const stamp = new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14);
    return control('/tos', { versionId: `us_individual_demo_${stamp}`, languages: ['en', 'es'] });
  });

  return app;
}
