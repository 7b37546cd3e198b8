import { KycKitProvider, createProxyClient, useCustomerEvents } from '@kyc-kit/hooks';
import type { ProxyClient } from '@kyc-kit/hooks';
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';

/**
 * What the elements of one page that talk to the same proxy share: one client, one query cache (so a
 * `<kyc-capability-gate>` sees the customer `<kyc-onboarding>` just saved) and one event stream, open while at
 * least one of them is connected.
 */
export interface KycKitSession {
  readonly client: ProxyClient;
  readonly queryClient: QueryClient;
}

interface SessionEntry extends KycKitSession {
  users: Set<object>;
  stream: Root | undefined;
}

/** By source, then by user key (`''` when the page names none): one user's session never serves another. */
const sessions = new Map<string | ProxyClient, Map<string, SessionEntry>>();

function LiveUpdates() {
  useCustomerEvents();
  return null;
}

function openStream(entry: SessionEntry): Root {
  // A root of its own, outside every element: the stream outlives any one element and closes with the last.
  const root = createRoot(document.createElement('div'));
  root.render(
    <KycKitProvider client={entry.client} queryClient={entry.queryClient}>
      <LiveUpdates />
    </KycKitProvider>,
  );
  return root;
}

/**
 * Joins the session of `source` (an `api-base`, or a client the page made itself) for the signed-in person
 * `userKey` on behalf of `user` and returns it; the first user opens the event stream. Another `userKey` is
 * another session: its own cache and stream.
 */
export function joinSession(source: string | ProxyClient, user: object, userKey = ''): KycKitSession {
  let byUser = sessions.get(source);
  if (byUser === undefined) {
    byUser = new Map();
    sessions.set(source, byUser);
  }
  let entry = byUser.get(userKey);
  if (entry === undefined) {
    entry = {
      client: typeof source === 'string' ? createProxyClient({ baseUrl: source }) : source,
      queryClient: new QueryClient(),
      users: new Set(),
      stream: undefined,
    };
    byUser.set(userKey, entry);
  }
  entry.users.add(user);
  entry.stream ??= openStream(entry);
  return entry;
}

/** Leaves the session of `source` and `userKey`; the last user closes the event stream and drops the cache. */
export function leaveSession(source: string | ProxyClient, user: object, userKey = ''): void {
  const byUser = sessions.get(source);
  const entry = byUser?.get(userKey);
  if (byUser === undefined || entry === undefined || !entry.users.delete(user) || entry.users.size > 0)
    return;
  entry.stream?.unmount();
  entry.stream = undefined;
  entry.queryClient.clear();
  byUser.delete(userKey);
  if (byUser.size === 0) sessions.delete(source);
}
