import { createTranslator } from '@kyc-kit/core';
import type { Customer, Locale, MessageId, PartnerFieldSpecs } from '@kyc-kit/core';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { createContext, Fragment, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ProxyClient } from './createProxyClient';

/**
 * Translates a message id of @kyc-kit/core's catalogue, with `{name}`
 * parameters. Typed to the catalogue, so a misspelt id fails typecheck; a
 * server's field code (checked with `hasMessage`) is a `MessageId` too.
 */
export type Translate = (id: MessageId, params?: Record<string, string | number>) => string;

/** What every kyc-kit hook reads from {@link KycKitProvider}. */
export interface KycKitContextValue {
  /** The proxy client. */
  client: ProxyClient;
  /** The active locale (`en`, `es`, or a partner's own tag falling back to English). */
  locale: Locale | string;
  /** The translator for `locale`, with the partner's `messages` overrides applied. */
  t: Translate;
  /** The partner's `messages` as given to the provider (empty when none), for a nested provider to build on. */
  messages: Partial<Record<MessageId, string>>;
  /** The TanStack Query client holding the customer cache. */
  queryClient: QueryClient;
  /** The partner's own field specs, as given to the provider. */
  fieldSpecs: PartnerFieldSpecs | undefined;
  /** Whose session this is, as given to the provider. */
  userKey: string | undefined;
  /** The customer the partner's server already read, as given to the provider. */
  initialCustomer: Customer | null | undefined;
}

/** Props of {@link KycKitProvider}. */
export interface KycKitProviderProps {
  /**
   * A client from `createProxyClient`. Make it once (a module constant, or `useState`): another client (a
   * user switch, another proxy) starts the kit's state and cache afresh, as another `userKey` does.
   */
  client: ProxyClient;
  /**
   * The language of every message the hooks return.
   * @default 'en'
   */
  locale?: Locale | string;
  /**
   * Partner overrides of catalogue messages, by message id. For Spanish, pass
   * the catalogue of `@kyc-kit/core/locales/es` (spread your own wording over
   * it): it ships apart so that apps in English never download it.
   */
  messages?: Partial<Record<MessageId, string>>;
  /**
   * The QueryClient holding the kit's cache.
   * @default the one of an enclosing QueryClientProvider, else one the provider creates for its lifetime
   */
  queryClient?: QueryClient;
  /**
   * Whose session this is: any stable id of the signed-in user (hashed before
   * use, never stored as given). Drafts are kept per user key, and a change
   * of user key starts the kit's state and cache afresh, so one user never
   * sees another's draft or customer. Call `clearDrafts()` on sign-out too.
   * @default none: drafts are kept per customer only, none before the customer exists
   */
  userKey?: string;
  /**
   * Field specs for requirement keys the kit does not know (or its own keys
   * described otherwise). Give the proxy's handler the same object.
   * @default none
   */
  fieldSpecs?: PartnerFieldSpecs;
  /**
   * The customer the partner's server already read (`null`: the user has
   * none yet), so the first render shows the form without waiting for
   * `GET /customer`. Read in the first render only.
   * @default none: the customer is read on mount
   */
  initialCustomer?: Customer | null;
  children?: ReactNode;
}

/**
 * The kit's context. Its default is `null` so a hook rendered outside the
 * provider fails loudly instead of running with an empty object.
 */
export const KycKitContext = createContext<KycKitContextValue | null>(null);
KycKitContext.displayName = 'KycKitContext';

/**
 * Spanish ships apart from the default bundle, so `locale="es"` alone silently shows English: this warns once
 * per mount. Effects never run on the server, and the ref keeps StrictMode's second effect pass from warning
 * again. Development only: in a production build this is a function that does nothing.
 */
function useMissingCatalogueWarningInDevelopment(
  locale: string,
  messages: Partial<Record<MessageId, string>>,
): void {
  const warned = useRef(false);
  useEffect(() => {
    if (warned.current) return;
    warned.current = true;
    if (!/^en\b/.test(locale) && messages['form.submit'] === undefined) {
      console.warn(
        `kyc-kit: <KycKitProvider locale="${locale}"> got no messages, so its text shows in English. For Spanish: import { es } from '@kyc-kit/core/locales/es' and pass messages={es}.`,
      );
    }
    // Once per mount: a later change of locale or messages is the partner's deliberate choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

const useMissingCatalogueWarning =
  typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
    ? useMissingCatalogueWarningInDevelopment
    : () => undefined;

/**
 * Provides the proxy client, locale, messages and query cache to every kyc-kit
 * hook below it.
 *
 * @example
 * import { es } from '@kyc-kit/core/locales/es';
 * <KycKitProvider client={createProxyClient()} locale="es" messages={es}>
 *   <Onboarding capability="custodyFiat" />
 * </KycKitProvider>
 */
export function KycKitProvider({
  client,
  locale = 'en',
  messages,
  queryClient,
  userKey,
  fieldSpecs,
  initialCustomer,
  children,
}: KycKitProviderProps) {
  // Without a queryClient prop, share the app's QueryClientProvider when there is one (one cache, one devtools);
  // else make one that lives as long as the provider, so the cache survives re-renders.
  const outerQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() => queryClient ?? outerQueryClient ?? new QueryClient());
  const activeQueryClient = queryClient ?? outerQueryClient ?? ownQueryClient;
  // Partners often pass `messages` inline: key the translator on its content, not its identity,
  // so a re-render of the page does not re-plan every form below.
  const messagesKey = JSON.stringify(messages ?? {});
  const stableMessages = useMemo(
    () => JSON.parse(messagesKey) as Partial<Record<MessageId, string>>,
    [messagesKey],
  );
  const t = useMemo<Translate>(() => createTranslator(locale, stableMessages), [locale, stableMessages]);
  useMissingCatalogueWarning(locale, stableMessages);
  // Another user or another client on the same tab (a user switch, another proxy): the last one's customer
  // leaves the cache before anything below renders, and the flow below starts afresh (`key`, counting the
  // switches). The server's read belongs to the first user and client: never to the next one.
  const [[cachedFor, cachedClient, key, firstCustomer], setSession] = useState<
    [string | undefined, ProxyClient, number, Customer | null | undefined]
  >([userKey, client, 0, initialCustomer]);
  if (cachedFor !== userKey || cachedClient !== client) {
    setSession([userKey, client, key + 1, undefined]);
    activeQueryClient.removeQueries({ queryKey: ['kyc-kit'] });
  }
  const value = useMemo<KycKitContextValue>(
    () => ({
      client,
      locale,
      t,
      messages: stableMessages,
      queryClient: activeQueryClient,
      fieldSpecs,
      userKey,
      initialCustomer: firstCustomer,
    }),
    [client, locale, t, stableMessages, activeQueryClient, fieldSpecs, userKey, firstCustomer],
  );
  // Keyed by the user and client: a new one remounts every hook below, so no form state of the last survives.
  const provided = (
    <KycKitContext.Provider value={value}>
      <Fragment key={key}>{children}</Fragment>
    </KycKitContext.Provider>
  );
  return activeQueryClient === outerQueryClient ? (
    provided
  ) : (
    <QueryClientProvider client={activeQueryClient}>{provided}</QueryClientProvider>
  );
}

/**
 * Reads the kit's context for `user` (a hook's name, or a component's as
 * `<Onboarding>`). Outside a provider it throws an error that names `user`
 * and says, in the partner's terms, what to render around it.
 */
export function useKycKitContext(user: string): KycKitContextValue {
  const value = useContext(KycKitContext);
  if (value === null) {
    throw new Error(
      `kyc-kit: ${user} needs <KycKitProvider client={createProxyClient()}> around it (or your whole app).`,
    );
  }
  return value;
}

/**
 * The kit's context: the proxy client, the locale, the translator `t` and the
 * query client. Throws outside {@link KycKitProvider}, naming `user`: your
 * component's name (`'<Balance>'`), say, so the error points at it.
 */
export function useKycKit(user = 'useKycKit'): KycKitContextValue {
  return useKycKitContext(user);
}
