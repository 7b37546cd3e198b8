import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCoinbaseUpstream, createOnboardingHandler, createSqliteStore } from '@kyc-kit/proxy';
import type { OnboardingHandler } from '@kyc-kit/proxy';

/** The session cookie's name; proxy.ts gives each browser an anonymous user. */
export const SESSION_COOKIE = 'session';

let handler: OnboardingHandler | undefined;

/**
 * The proxy, made on first use (never while `next build` collects routes).
 * The provider is the sandbox (`npm run sandbox`); its API keys come from the
 * file it wrote. With Coinbase, pass your CDP key here instead.
 */
export function onboardingHandler(): OnboardingHandler {
  if (handler) return handler;
  const sandboxUrl = process.env.SANDBOX_URL ?? 'http://localhost:4010';
  const credentials = JSON.parse(
    readFileSync(
      /* turbopackIgnore: true */ process.env.SANDBOX_CREDENTIALS ??
        path.join(process.cwd(), '.sandbox-credentials.json'),
      'utf8',
    ),
  ) as { coinbase: { apiKeyId: string; apiKeySecret: string } };
  // Which customer is whose must outlive a restart, or a returning user gets a second customer: a SQLite
  // file here (createPostgresStore({ connectionString }) when several instances share it).
  const dataDir = path.join(/* turbopackIgnore: true */ process.cwd(), '.data');
  mkdirSync(dataDir, { recursive: true });
  handler = createOnboardingHandler({
    upstream: createCoinbaseUpstream({ baseUrl: `${sandboxUrl}/platform`, ...credentials.coinbase }),
    store: createSqliteStore({ path: path.join(dataDir, 'onboarding.sqlite') }),
    // Your own sessions go here: return the signed-in user's id, or null.
    resolveUser: (request) => {
      const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([\\w-]+)`).exec(
        request.headers.get('cookie') ?? '',
      );
      return match?.[1] ? { id: match[1] } : null;
    },
    webhookSecret: process.env.WEBHOOK_SECRET ?? 'whsec_example',
    tosOrigins: [new URL(sandboxUrl).origin],
    // A route handler sees no socket: Next.js puts the peer's address in X-Forwarded-For.
    trustedProxyCount: 1,
  });
  return handler;
}
