import { KycKitProvider } from '@kyc-kit/hooks';
import type { ProxyClient } from '@kyc-kit/hooks';
import type { SupportContact } from '@kyc-kit/core';
import type { Appearance } from '@kyc-kit/react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { observeParts } from './parts';
import { joinSession, leaveSession } from './sessions';
import type { KycKitSession } from './sessions';
import { adoptStyles } from './styles';

/** Where `@kyc-kit/proxy` is mounted when an element has no `api-base`. */
export const DEFAULT_API_BASE = '/api/onboarding';

/**
 * `HTMLElement`, or a stand-in where there is none (Node, a server render), so that importing the package
 * there defines nothing and throws nothing.
 */
const ElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as typeof HTMLElement);

/** The attributes every element observes. */
const COMMON_ATTRIBUTES = [
  'capability',
  'locale',
  'theme',
  'api-base',
  'user-key',
  'support-href',
  'support-email',
  'support-reference',
] as const;

/** The events the elements dispatch, with their `detail`: keys, ids and codes, never a value the user typed. */
export interface KycKitElementEventMap {
  /** Every capability the element onboards for is active. */
  'kyc-complete': CustomEvent<{ customerId: string; capabilities: string[] }>;
  /** Another step is shown: a form step, or the Terms of Service (`stepId: 'terms'`). */
  'kyc-step-change': CustomEvent<{ stepId: string; stepNumber: number; stepCount: number }>;
  /** The user left the flow with its exit button (`show-exit`); `state` is where the flow was. */
  'kyc-exit': CustomEvent<{ state: string }>;
  /**
   * Something failed: a step's save (`code` is the proxy's error code or `invalid_fields`, with the step and the
   * keys of the fields concerned), or reading the customer (`code: 'load_failed'`).
   */
  'kyc-error': CustomEvent<{ code: string; stepId?: string; fieldKeys?: string[] }>;
}

/**
 * What the three elements share: the reflected attributes, the `messages`, `appearance` and `client` properties,
 * an open shadow root with the kit's styles, and a renderer root that lives while the element is connected.
 */
export abstract class KycKitElement extends ElementBase {
  /** Attributes whose change re-renders the element. */
  static get observedAttributes(): string[] {
    return [...COMMON_ATTRIBUTES];
  }

  /** The properties a page may set before the element is defined; a subclass adds its own. */
  protected static upgradedProperties: readonly string[] = [
    'capability',
    'locale',
    'theme',
    'apiBase',
    'userKey',
    'messages',
    'appearance',
    'client',
  ];

  #messages: Partial<Record<string, string>> | undefined;
  #appearance: Appearance | undefined;
  #client: ProxyClient | undefined;
  #root: Root | undefined;
  #parts: MutationObserver | undefined;
  #source: string | ProxyClient | undefined;
  #sessionUserKey = '';
  #session: KycKitSession | undefined;

  /** The capability to onboard for, show or gate, e.g. `custodyFiat`; several, separated by spaces, for onboarding. */
  get capability(): string {
    return this.getAttribute('capability') ?? '';
  }
  set capability(value: string) {
    this.setAttribute('capability', value);
  }

  /** The language of every text (`en` built in; `es` with its `messages`). Reflects `locale`. */
  get locale(): string | undefined {
    return this.getAttribute('locale') ?? undefined;
  }
  set locale(value: string | undefined) {
    this.#reflect('locale', value);
  }

  /**
   * The built-in palette, `light` or `dark`. Without it the element takes the `--kyc-*` tokens the page sets
   * (or the light defaults). Reflects `theme`.
   */
  get theme(): 'light' | 'dark' | undefined {
    const value = this.getAttribute('theme');
    return value === 'light' || value === 'dark' ? value : undefined;
  }
  set theme(value: 'light' | 'dark' | undefined) {
    this.#reflect('theme', value);
  }

  /** Where `@kyc-kit/proxy` is mounted on the page's origin. Reflects `api-base`. */
  get apiBase(): string {
    return this.getAttribute('api-base') ?? DEFAULT_API_BASE;
  }
  set apiBase(value: string) {
    this.setAttribute('api-base', value);
  }

  /**
   * Whose session this is: any stable id of the signed-in person (hashed before use, never stored as given).
   * Drafts are kept per user key, and another user key is another session (its own cache and event stream),
   * so the next person at the browser never sees the last one's customer or draft. Reflects `user-key`.
   */
  get userKey(): string | undefined {
    return this.getAttribute('user-key') ?? undefined;
  }
  set userKey(value: string | undefined) {
    this.#reflect('user-key', value);
  }
  /** Your own wording for any message id, e.g. `{ 'form.submit': 'Next' }`, or a whole catalogue with `locale`. */
  get messages(): Partial<Record<string, string>> | undefined {
    return this.#messages;
  }
  set messages(value: Partial<Record<string, string>> | undefined) {
    this.#messages = value;
    this.render();
  }

  /** Theme token overrides, as `@kyc-kit/react`'s `appearance` (`theme` here gives way to the attribute). */
  get appearance(): Appearance | undefined {
    return this.#appearance;
  }
  set appearance(value: Appearance | undefined) {
    this.#appearance = value;
    this.render();
  }

  /**
   * A client from `createProxyClient`, for a page that makes its own; by default the elements with the same
   * `api-base` share one.
   */
  get client(): ProxyClient | undefined {
    return this.#client;
  }
  set client(value: ProxyClient | undefined) {
    this.#client = value;
    if (this.#root !== undefined) this.#joinSession();
    this.render();
  }

  connectedCallback(): void {
    this.#upgradeProperties();
    if (this.#root !== undefined) {
      // Moved within the page: the renderer stayed, and so does what the user typed.
      this.render();
      return;
    }
    const shadowRoot = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptStyles(shadowRoot);
    const mount = this.ownerDocument.createElement('div');
    shadowRoot.append(mount);
    this.#parts = observeParts(shadowRoot);
    this.#joinSession();
    this.#root = createRoot(mount);
    this.render();
  }

  disconnectedCallback(): void {
    // A move (disconnect, then connect in the same task) keeps the element alive; a removal ends it.
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (previous === next || this.#root === undefined) return;
    if (name === 'api-base' || name === 'user-key') this.#joinSession();
    this.render();
  }

  /** The element's content inside the kit's provider. */
  protected abstract renderContent(): ReactNode;

  /** Renders again (after a property or attribute change). */
  protected render(): void {
    const session = this.#session;
    if (this.#root === undefined || session === undefined) return;
    this.#root.render(
      <KycKitProvider
        client={session.client}
        queryClient={session.queryClient}
        locale={this.locale}
        messages={this.#messages}
        userKey={this.userKey}
      >
        {this.renderContent()}
      </KycKitProvider>,
    );
  }

  /**
   * The partner's support contact for the "unavailable" message, from `support-href`, `support-email` and
   * `support-reference` (a link, an email address, your reference for the person; never a reason).
   */
  protected get support(): SupportContact {
    const read = (name: string) => this.getAttribute(`support-${name}`) ?? undefined;
    return { href: read('href'), email: read('email'), reference: read('reference') };
  }

  /** The `appearance` for the components: the property's tokens and the `theme` attribute. */
  protected get effectiveAppearance(): Appearance | undefined {
    const theme = this.theme ?? this.#appearance?.theme;
    if (theme === undefined && this.#appearance === undefined) return undefined;
    return { ...this.#appearance, theme };
  }

  /** Dispatches one of the elements' events: bubbling and composed, so a listener anywhere in the page hears it. */
  protected emit<K extends keyof KycKitElementEventMap>(
    type: K,
    detail: KycKitElementEventMap[K]['detail'],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /**
   * A property the page set before the element was defined is an own property of the instance, hiding the
   * accessor: take it over, as Lit and Shoelace do.
   */
  #upgradeProperties(): void {
    for (const name of (this.constructor as typeof KycKitElement).upgradedProperties) {
      if (!Object.prototype.hasOwnProperty.call(this, name)) continue;
      const value: unknown = Reflect.get(this, name);
      Reflect.deleteProperty(this, name);
      Reflect.set(this, name, value);
    }
  }

  #reflect(name: string, value: string | undefined): void {
    if (value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  #joinSession(): void {
    // `/kyc` and `/kyc/` are one proxy (the client drops the slash too): one session, one stream.
    const source = this.#client ?? this.apiBase.replace(/\/+$/, '');
    const userKey = this.userKey ?? '';
    if (source === this.#source && userKey === this.#sessionUserKey) return;
    if (this.#source !== undefined) leaveSession(this.#source, this, this.#sessionUserKey);
    this.#source = source;
    this.#sessionUserKey = userKey;
    this.#session = joinSession(source, this, userKey);
  }

  #teardown(): void {
    this.#root?.unmount();
    this.#root = undefined;
    this.#parts?.disconnect();
    this.#parts = undefined;
    if (this.#source !== undefined) leaveSession(this.#source, this, this.#sessionUserKey);
    this.#source = undefined;
    this.#session = undefined;
    const shadowRoot = this.shadowRoot;
    if (shadowRoot !== null) {
      for (const child of [...shadowRoot.children]) if (child.tagName !== 'STYLE') child.remove();
    }
  }
}
