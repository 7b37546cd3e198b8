import { es } from '@kyc-kit/core/locales/es';
import { createProxyClient, KycKitProvider } from '@kyc-kit/hooks';
import type { ProxyClient } from '@kyc-kit/hooks';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { Layout } from './components/Layout';
import { HeadlessOnboardingPage } from './pages/HeadlessOnboardingPage';
import { HomePage } from './pages/HomePage';
import { OnboardingPage } from './pages/OnboardingPage';
import { SignInPage } from './pages/SignInPage';
import { PreferencesProvider, usePreferences } from './PreferencesProvider';
import { RouterProvider, useRouter } from './RouterProvider';
import { endDemoSession, useDemoSession } from './useDemoSession';

/**
 * One proxy client for the page: it only knows where the proxy is mounted,
 * and that a 401 means the wallet's session ended under the person.
 */
function createWalletProxyClient(queryClient: QueryClient) {
  return createProxyClient({
    baseUrl: '/api/onboarding',
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) endDemoSession(queryClient);
      return response;
    },
  });
}

function LoadingScreen() {
  const { text } = usePreferences();
  return (
    <p className="loading" role="status">
      {text('loading')}
    </p>
  );
}

function NotFoundPage() {
  const { text } = usePreferences();
  return (
    <Layout title={text('notFoundTitle')}>
      <p>{text('notFoundBody')}</p>
    </Layout>
  );
}

/** Picks the page for the address bar, sending signed-out visitors to sign in. */
function Routes({ shownPath }: { shownPath: RefObject<string> }) {
  const { location, navigate } = useRouter();
  const { session, isLoading } = useDemoSession();
  const signedIn = session?.user != null;
  const onSignIn = location.pathname === '/sign-in';

  // After a client-side navigation, focus moves to the new page's <h1>, as a
  // page load would announce the new page to a screen reader. The first page is left alone. The path
  // shown is kept above the kit's provider, which remounts this when another user signs in: sign-in's
  // own navigation to the wallet must still move focus to its <h1>, not leave it on <body>.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    document.querySelector<HTMLElement>('main h1')?.focus();
  });

  useEffect(() => {
    if (isLoading || session === undefined) return;
    if (!signedIn && !onSignIn) {
      const next = `${location.pathname}${location.search.size > 0 ? `?${location.search.toString()}` : ''}`;
      const query = new URLSearchParams(next === '/' ? {} : { next });
      // A session that ended under the person: sign-in says so, and what they typed that comes back.
      if (session.ended) query.set('ended', '1');
      // A redirect is not a navigation the person made: focus stays where a page load leaves it.
      shownPath.current = '/sign-in';
      navigate(`/sign-in${query.size > 0 ? `?${query.toString()}` : ''}`, { replace: true });
    } else if (signedIn && onSignIn) {
      navigate('/', { replace: true });
    }
  }, [isLoading, session, signedIn, onSignIn, location, navigate, shownPath]);

  if (isLoading || session === undefined) return <LoadingScreen />;
  if (!signedIn) return onSignIn ? <SignInPage /> : <LoadingScreen />;
  switch (location.pathname) {
    case '/':
      return <HomePage sandbox={session.sandbox} />;
    case '/onboarding':
      return <OnboardingPage />;
    case '/onboarding/headless':
      return <HeadlessOnboardingPage />;
    case '/sign-in':
      return <LoadingScreen />;
    default:
      return <NotFoundPage />;
  }
}

/** Wires the kit to the wallet: the kit's messages follow the wallet's language. */
function KitProvider({ queryClient, proxyClient }: { queryClient: QueryClient; proxyClient: ProxyClient }) {
  const { locale } = usePreferences();
  // Whose session it is: the kit keeps drafts per user and starts afresh when another signs in.
  const { session } = useDemoSession();
  const { location } = useRouter();
  const shownPath = useRef(location.pathname);
  return (
    <KycKitProvider
      client={proxyClient}
      locale={locale}
      messages={locale === 'es' ? es : undefined}
      queryClient={queryClient}
      userKey={session?.user?.username}
    >
      <Routes shownPath={shownPath} />
    </KycKitProvider>
  );
}

/** Northwind Wallet: preferences, one query cache shared by the wallet and the kit, and the router. */
export function App() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }),
  );
  const [proxyClient] = useState(() => createWalletProxyClient(queryClient));
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <RouterProvider>
          <KitProvider queryClient={queryClient} proxyClient={proxyClient} />
        </RouterProvider>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
