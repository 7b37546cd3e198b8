// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DemoSessionInfo } from '../server/createDemoServer';
import { demoSessionQueryKey, endDemoSession, useDemoSession } from './useDemoSession';
import type { DemoSession } from './useDemoSession';

/** The demo server's session routes, in memory: who is signed in on this browser. */
function stubSessionRoutes(): void {
  let username: string | null = 'alice';
  vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
    if (init?.method === 'POST') username = (JSON.parse(String(init.body)) as { username: string }).username;
    if (init?.method === 'DELETE') username = null;
    const body: DemoSessionInfo = {
      user: username === null ? null : { username },
      upstream: { kind: 'sandbox', provider: 'coinbase' },
      sandbox: true,
    };
    return Response.json(body);
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A reader of the session that nothing else re-renders, as the app's kit provider (its `userKey`). */
function SignedIn() {
  const { session } = useDemoSession();
  return <p data-testid="signed-in">{session === undefined ? '…' : (session.user?.username ?? 'nobody')}</p>;
}

let actions: ReturnType<typeof useDemoSession> | undefined;
function Actions() {
  actions = useDemoSession();
  return null;
}

/** The session routes stubbed, a reader of the session and the actions rendered, alice signed in. */
async function renderSignedInAsAlice(): Promise<QueryClient> {
  stubSessionRoutes();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <SignedIn />
      <Actions />
    </QueryClientProvider>,
  );
  expect(await screen.findByText('alice')).toBeTruthy();
  return queryClient;
}

describe('useDemoSession', () => {
  it('tells every reader who is signed in now, through sign-out and the next sign-in on the tab', async () => {
    await renderSignedInAsAlice();

    await act(() => actions?.signOut());
    await waitFor(() => expect(screen.getByTestId('signed-in').textContent).toBe('nobody'));
    await act(() => actions?.signIn('bob'));
    await waitFor(() => expect(screen.getByTestId('signed-in').textContent).toBe('bob'));
  });

  it("empties the cache of the last person's data on sign-in and sign-out", async () => {
    stubSessionRoutes();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={queryClient}>
        <Actions />
      </QueryClientProvider>,
    );
    queryClient.setQueryData(['kyc-kit', 'customer'], { id: 'customer_alice' });
    await act(() => actions?.signOut());
    expect(queryClient.getQueryData(['kyc-kit', 'customer'])).toBeUndefined();
    queryClient.setQueryData(['kyc-kit', 'customer'], { id: 'customer_stale' });
    await act(() => actions?.signIn('bob'));
    expect(queryClient.getQueryData(['kyc-kit', 'customer'])).toBeUndefined();
  });

  it('marks a session that ended under the person (a 401), but not one they signed out of themselves', async () => {
    const queryClient = await renderSignedInAsAlice();
    act(() => endDemoSession(queryClient));
    await waitFor(() => expect(screen.getByTestId('signed-in').textContent).toBe('nobody'));
    expect(queryClient.getQueryData<DemoSession>(demoSessionQueryKey)?.ended).toBe(true);

    await act(() => actions?.signIn('alice'));
    expect(queryClient.getQueryData<DemoSession>(demoSessionQueryKey)?.ended).toBeUndefined();
    // A kit request in flight when the person signs out is answered 401 too: no "your session ended" for that.
    const answer = globalThis.fetch;
    const seen: (true | undefined)[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (init?.method === 'DELETE') {
        endDemoSession(queryClient);
        seen.push(queryClient.getQueryData<DemoSession>(demoSessionQueryKey)?.ended);
      }
      return answer(url, init);
    });
    await act(() => actions?.signOut());
    expect(seen).toEqual([undefined]);
    await waitFor(() => expect(screen.getByTestId('signed-in').textContent).toBe('nobody'));
  });
});
