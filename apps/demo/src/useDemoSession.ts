import { clearDrafts } from '@kyc-kit/hooks';
import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
// Type only: the shape the demo server answers with, never server code in the bundle.
import type { DemoSessionInfo } from '../server/createDemoServer';

/** The demo session's query key; everything else in the cache belongs to the signed-in user. */
export const demoSessionQueryKey = ['northwind', 'session'] as const;
const sessionQueryHash = hashKey(demoSessionQueryKey);

/** True from a sign-out's request until the new (signed-out) session is read. */
let signingOut = false;

/** The session as the app holds it: the server's answer, and `ended` once it ended under the person. */
export type DemoSession = DemoSessionInfo & { ended?: true };

/**
 * The proxy answered 401: the session cookie expired (or was revoked) while
 * the person was in the wallet. Marks them signed out at once, as ended, so
 * the app shows sign-in saying so, instead of a flow whose every Continue
 * answers "Sign in again". Nothing else is dropped: the kit's drafts wait for
 * the same user, and signing in reads the session afresh.
 */
export function endDemoSession(queryClient: QueryClient): void {
  // The person's own sign-out answers the kit's requests in flight 401 too: that session did not end under them.
  if (signingOut) return;
  queryClient.setQueryData<DemoSession>(demoSessionQueryKey, (session) =>
    session?.user ? { ...session, user: null, ended: true } : session,
  );
}

/** Thrown by {@link UseDemoSessionResult.signIn} with the server's end-user message. */
export class SignInError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'SignInError';
    this.code = code;
  }
}

async function fetchSession(): Promise<DemoSession> {
  const response = await fetch('/api/demo/session', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/demo/session answered ${response.status}`);
  return (await response.json()) as DemoSessionInfo;
}

/** What {@link useDemoSession} returns. */
export interface UseDemoSessionResult {
  session: DemoSession | undefined;
  isLoading: boolean;
  signIn(username: string): Promise<void>;
  signOut(): Promise<void>;
}

/**
 * The demo session: who is signed in, and sign-in and sign-out. Signing in or
 * out empties the rest of the query cache, so one user's customer is never
 * shown to the next person at the same browser, and puts the new session in
 * it. Not `queryClient.clear()`: that also drops the session's own query from
 * under every component reading it, and one that does not happen to render
 * again (the kit's provider, whose `userKey` says whose drafts and cache these
 * are) goes on with the last person's session.
 */
export function useDemoSession(): UseDemoSessionResult {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: demoSessionQueryKey, queryFn: fetchSession, staleTime: Infinity });

  const startSession = useCallback(async () => {
    const session = await fetchSession();
    queryClient.removeQueries({ predicate: (cached) => cached.queryHash !== sessionQueryHash });
    queryClient.setQueryData(demoSessionQueryKey, session);
  }, [queryClient]);

  const signIn = useCallback(
    async (username: string) => {
      const response = await fetch('/api/demo/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { code?: string; message?: string };
        } | null;
        throw new SignInError(body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? '');
      }
      await startSession();
    },
    [startSession],
  );

  const signOut = useCallback(async () => {
    signingOut = true;
    try {
      await fetch('/api/demo/session', { method: 'DELETE' });
      // The kit's drafts (names, email typed before a save) go with the session: the next person starts empty.
      clearDrafts();
      await startSession();
    } finally {
      signingOut = false;
    }
  }, [startSession]);

  return { session: query.data, isLoading: query.isPending, signIn, signOut };
}
