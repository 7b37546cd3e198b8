import { waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { FakeEventSource, createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createInProcessProxy } from '@kyc-kit/testing/server';
import type { InProcessProxy } from '@kyc-kit/testing/server';
import { KycKitElement, clearDrafts, defineKycKitElements } from './index';
import type { KycKitOnboardingElement } from './elements';
import { es } from './locales/es';
import { documentCssText, shadowCssText } from './styles';

// The elements render on their own schedule, as in a page: no act() around them.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

/** Events one element dispatched, in order, as seen by a listener on the document. */
interface RecordedEvent {
  type: string;
  detail: unknown;
  bubbles: boolean;
  composed: boolean;
}

const EVENT_TYPES = ['kyc-complete', 'kyc-step-change', 'kyc-exit', 'kyc-error'];

/** Listens on the document for every element event; the listener goes with `stop()`. */
function recordEvents(): { events: RecordedEvent[]; stop: () => void } {
  const events: RecordedEvent[] = [];
  const listener = (event: Event) => {
    events.push({
      type: event.type,
      detail: (event as CustomEvent).detail,
      bubbles: event.bubbles,
      composed: event.composed,
    });
  };
  for (const type of EVENT_TYPES) document.addEventListener(type, listener);
  return {
    events,
    stop: () => {
      for (const type of EVENT_TYPES) document.removeEventListener(type, listener);
    },
  };
}

/**
 * The real proxy and sandbox in process, reached through the page's `fetch` (as the elements' default client
 * does) and a hand-driven EventSource.
 */
function stubBackend(): InProcessProxy {
  const proxy = createInProcessProxy();
  FakeEventSource.instances = [];
  vi.stubGlobal('fetch', proxy.fetch);
  vi.stubGlobal('EventSource', FakeEventSource);
  return proxy;
}

/** The element's shadow root; fails the test when there is none. */
function shadowOf(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (root === null) throw new Error(`${element.tagName} has no shadow root`);
  return root;
}

/** What a person types in the whole custodyFiat flow; none of it may reach an event's detail. */
const TYPED = {
  firstName: 'Zenobia',
  lastName: 'Quillfeather',
  day: '27',
  month: '3',
  year: '1990',
  street: '42 Harbor Lane',
  city: 'Springfield',
  postalCode: '62701',
  ssn: '123-45-6789',
};

/** Puts `html` in the page and returns its first element, one of the kit's. */
function mount(html: string): KycKitElement {
  document.body.innerHTML = html;
  const element = document.body.firstElementChild;
  if (!(element instanceof KycKitElement)) throw new Error('no kyc-kit element mounted');
  return element;
}

/** Testing Library's queries over the element's rendered content (the renderer's container in its shadow root). */
function shadowQueries(element: Element) {
  const container = [...shadowOf(element).children].find((child) => child instanceof HTMLDivElement);
  if (!(container instanceof HTMLElement)) throw new Error(`${element.tagName} has rendered nothing`);
  return within(container);
}

/**
 * Lets the renderer run its effects, as a page does before anyone can act on what it shows: Preact runs them
 * after the next frame, React sooner.
 */
async function nextFrame(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Waits until the removal's microtask has torn the element down. */
async function afterRemoval(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
}

let backend: ReturnType<typeof stubBackend>;
let recorder: ReturnType<typeof recordEvents>;

beforeEach(() => {
  backend = stubBackend();
  recorder = recordEvents();
});

afterEach(async () => {
  document.body.replaceChildren();
  await afterRemoval();
  // Each test is a new tab: a finished flow's plan (the mark that a customer exists) would make the next one wait.
  window.sessionStorage.clear();
  recorder.stop();
  vi.unstubAllGlobals();
  await backend.close();
});

function eventsOf(type: string): RecordedEvent[] {
  return recorder.events.filter((event) => event.type === type);
}

describe('registration', () => {
  it('defines the three elements on import, and defining them again changes nothing', () => {
    const onboarding = customElements.get('kyc-onboarding');
    expect(onboarding).toBeDefined();
    expect(customElements.get('kyc-capability-status')).toBeDefined();
    expect(customElements.get('kyc-capability-gate')).toBeDefined();
    expect(() => defineKycKitElements()).not.toThrow();
    expect(customElements.get('kyc-onboarding')).toBe(onboarding);
  });

  it('leaves alone a name the page has already defined in its own registry', () => {
    class PageOwn extends HTMLElement {}
    const defined = new Map<string, CustomElementConstructor>([['kyc-capability-status', PageOwn]]);
    const registry = {
      get: (name: string) => defined.get(name),
      define: (name: string, constructor: CustomElementConstructor) => {
        if (defined.has(name)) throw new DOMException(`${name} is already defined`, 'NotSupportedError');
        defined.set(name, constructor);
      },
    };
    defineKycKitElements(registry);
    expect(registry.get('kyc-capability-status')).toBe(PageOwn);
    expect(registry.get('kyc-onboarding')).toBe(customElements.get('kyc-onboarding'));
  });
});

describe('attributes and properties', () => {
  it('reflects capability, locale, theme and api-base, defaulting api-base to /api/onboarding', () => {
    const element = document.createElement('kyc-onboarding');
    expect(element.apiBase).toBe('/api/onboarding');
    element.capability = 'custodyFiat';
    element.locale = 'es';
    element.theme = 'dark';
    element.apiBase = '/kyc';
    element.showExit = true;
    expect(element.getAttribute('capability')).toBe('custodyFiat');
    expect(element.getAttribute('locale')).toBe('es');
    expect(element.getAttribute('theme')).toBe('dark');
    expect(element.getAttribute('api-base')).toBe('/kyc');
    expect(element.hasAttribute('show-exit')).toBe(true);
    element.setAttribute('theme', 'light');
    expect(element.theme).toBe('light');
    element.theme = undefined;
    expect(element.hasAttribute('theme')).toBe(false);
  });

  it('talks to the proxy at api-base', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(String(input));
      return backend.fetch(String(input).replace('/partner/kyc', '/api/onboarding'), init);
    });
    const element = mount(
      '<kyc-capability-status capability="custodyFiat" api-base="/partner/kyc"></kyc-capability-status>',
    );
    expect(await shadowQueries(element).findByText('Not set up')).toBeTruthy();
    expect(calls).toContain('/partner/kyc/customer');
    expect(FakeEventSource.instances.map((source) => source.url)).toEqual(['/partner/kyc/events']);
  });

  it('counts api-base with and without a trailing slash as one proxy: one client, one stream', async () => {
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      backend.fetch(String(input).replace('/partner/kyc', '/api/onboarding'), init),
    );
    document.body.innerHTML = `
      <kyc-capability-status capability="custodyFiat" api-base="/partner/kyc"></kyc-capability-status>
      <kyc-capability-status capability="custodyFiat" api-base="/partner/kyc/"></kyc-capability-status>`;
    const [first, second] = [...document.body.children];
    await shadowQueries(first!).findByText('Not set up');
    await shadowQueries(second!).findByText('Not set up');
    await nextFrame();
    expect(FakeEventSource.instances.map((source) => source.url)).toEqual(['/partner/kyc/events']);
  });

  it('takes messages and appearance as properties, and the theme attribute over the appearance', async () => {
    const element = mount('<kyc-onboarding capability="custodyFiat" theme="dark"></kyc-onboarding>');
    element.messages = { 'form.submit': 'Next' };
    element.appearance = { theme: 'light', variables: { 'color-primary': '#0f766e' } };
    const shadow = shadowQueries(element);
    expect(await shadow.findByRole('button', { name: 'Next' })).toBeTruthy();
    const root = shadowOf(element).querySelector<HTMLElement>('.kyc-root')!;
    expect(root.getAttribute('data-theme')).toBe('dark');
    expect(root.style.getPropertyValue('--kyc-color-primary')).toBe('#0f766e');
  });

  it('takes a property set before the element was defined', async () => {
    document.body.innerHTML = '<kyc-later capability="custodyFiat"></kyc-later>';
    const early = document.querySelector('kyc-later')!;
    Object.assign(early, { messages: { 'form.submit': 'Onwards' } });
    const { KycKitOnboardingElement } = await import('./elements');
    customElements.define('kyc-later', class extends KycKitOnboardingElement {});
    expect(await shadowQueries(early).findByRole('button', { name: 'Onwards' })).toBeTruthy();
  });

  it('takes show-exit and hide-requirements set as properties before the element was defined, and follows them after', async () => {
    document.body.innerHTML =
      '<kyc-early-flow capability="custodyFiat"></kyc-early-flow><kyc-early-status capability="custodyFiat"></kyc-early-status>';
    const flow = document.querySelector('kyc-early-flow')!;
    const status = document.querySelector('kyc-early-status')!;
    // A classic script of the page runs before the module that defines the elements.
    Object.assign(flow, { showExit: true });
    Object.assign(status, { hideRequirements: true });
    const { KycKitCapabilityStatusElement, KycKitOnboardingElement } = await import('./elements');
    customElements.define('kyc-early-flow', class extends KycKitOnboardingElement {});
    customElements.define('kyc-early-status', class extends KycKitCapabilityStatusElement {});
    const flowShadow = shadowQueries(flow);
    expect(await flowShadow.findByRole('button', { name: 'Finish later' })).toBeTruthy();
    expect(flow.hasAttribute('show-exit')).toBe(true);
    expect(status.hasAttribute('hide-requirements')).toBe(true);
    (flow as KycKitOnboardingElement).showExit = false;
    await waitFor(() => expect(flowShadow.queryByRole('button', { name: 'Finish later' })).toBeNull());
    expect(flow.hasAttribute('show-exit')).toBe(false);
  });

  it('renders again when an attribute changes', async () => {
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const shadow = shadowQueries(element);
    expect(await shadow.findByRole('button', { name: 'Continue' })).toBeTruthy();
    // The Spanish catalogue as a page with no build step loads it (dist/locales/es.js).
    element.setAttribute('locale', 'es');
    element.messages = es;
    expect(await shadow.findByRole('button', { name: 'Continuar' })).toBeTruthy();
    expect(shadow.getByRole('textbox', { name: es['field.firstName.label'] })).toBeTruthy();
    element.setAttribute('theme', 'dark');
    await waitFor(() =>
      expect(shadowOf(element).querySelector('.kyc-root')?.getAttribute('data-theme')).toBe('dark'),
    );

    const status = mount('<kyc-capability-status capability="custodyFiat"></kyc-capability-status>');
    const statusShadow = shadowQueries(status);
    expect(await statusShadow.findByText(/Hold US dollars/)).toBeTruthy();
    status.setAttribute('capability', 'transferFiat');
    expect(await statusShadow.findByText(/Send bank transfers/)).toBeTruthy();
  });

  it('puts the support-href, support-email and support-reference contact under an unavailable status', async () => {
    const element = document.createElement('kyc-capability-status') as KycKitElement;
    element.capability = 'custodyFiat';
    element.setAttribute('support-href', 'https://help.example.com');
    element.setAttribute('support-email', 'help@example.com');
    element.setAttribute('support-reference', 'NW-42');
    element.client = createFakeClient({ customer: customerFixtures.inactive });
    document.body.append(element);
    const shadow = shadowQueries(element);
    const link = await shadow.findByRole('link', { name: 'Contact support' });
    expect(link.getAttribute('href')).toBe('https://help.example.com');
    expect(shadow.getByRole('link', { name: 'help@example.com' }).getAttribute('href')).toBe(
      'mailto:help@example.com?subject=NW-42',
    );
    expect(shadow.getByText('Your reference: NW-42')).toBeTruthy();
    element.setAttribute('support-reference', 'NW-43');
    expect(await shadow.findByText('Your reference: NW-43')).toBeTruthy();
  });
});

describe('shadow root, styles and parts', () => {
  it('renders in an open shadow root with adopted stylesheets, the token defaults in a layer of the document', async () => {
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const shadow = shadowOf(element);
    expect(shadow.mode).toBe('open');
    expect(await shadowQueries(element).findByRole('heading', { name: 'About you' })).toBeTruthy();
    expect(shadow.querySelector('style')).toBeNull();
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(shadowCssText()).toContain('.kyc-root');
    expect(shadowCssText()).not.toContain(':root');
    expect(document.adoptedStyleSheets).toHaveLength(1);
    const documentCss = documentCssText();
    expect(documentCss).toContain('@layer kyc-kit');
    expect(documentCss).toContain('--kyc-color-primary');
    // No font default: the page's font is inherited unless it sets --kyc-font-family.
    expect(documentCss).not.toContain('--kyc-font-family:');
  });

  it('names the main pieces for ::part()', async () => {
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const continueButton = await shadowQueries(element).findByRole('button', { name: 'Continue' });
    await waitFor(() => expect(continueButton.getAttribute('part')).toBe('button button-primary'));
    const shadow = shadowOf(element);
    expect(shadow.querySelector('[part~="root"]')).not.toBeNull();
    expect(shadow.querySelector('[part~="heading"]')?.textContent).toBe('About you');
    expect(shadow.querySelectorAll('[part~="input"]').length).toBeGreaterThan(0);
    expect(shadow.querySelectorAll('[part~="label"]').length).toBeGreaterThan(0);
  });
});

describe('accessibility inside the shadow root', () => {
  it('wires labels and the error summary by id, and the summary links move focus to the field', async () => {
    const user = userEvent.setup({ delay: null });
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const shadow = shadowQueries(element);
    const firstName = await shadow.findByRole('textbox', { name: 'First name' });
    expect(shadowOf(element).getElementById(firstName.id)).toBe(firstName);
    await user.click(shadow.getByRole('button', { name: 'Continue' }));
    const summary = await shadow.findByRole('alert');
    await waitFor(() => expect(shadowOf(element).activeElement).toBe(summary));
    expect(summary.getAttribute('aria-labelledby')).toBe(
      shadowOf(element).querySelector('.kyc-error-summary h3')?.id,
    );
    expect(firstName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (firstName.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => shadowOf(element).getElementById(id)?.textContent)).toContain(
      'Enter your first name',
    );
    await user.click(within(summary).getByRole('link', { name: 'Enter your first name' }));
    expect(shadowOf(element).activeElement).toBe(firstName);
    expect(eventsOf('kyc-error').map((event) => event.detail)).toEqual([
      { code: 'invalid_fields', stepId: 'personal', fieldKeys: ['firstName', 'lastName', 'dateOfBirth'] },
    ]);
  });

  it('keeps every label, description and error reference inside the shadow root on every step, and focuses the Terms box on a submit without it', async () => {
    const user = userEvent.setup({ delay: null });
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const root = shadowOf(element);
    const shadow = shadowQueries(element);
    /** Id references that do not resolve in the shadow root (an id in the page cannot name anything in it), and unlabelled controls. */
    const broken = () => {
      const problems: string[] = [];
      for (const node of root.querySelectorAll('*')) {
        for (const attribute of [
          'for',
          'aria-labelledby',
          'aria-describedby',
          'aria-errormessage',
          'aria-controls',
        ]) {
          for (const id of (node.getAttribute(attribute) ?? '').split(' ').filter(Boolean)) {
            if (root.getElementById(id) === null) problems.push(`${node.tagName} ${attribute}="${id}"`);
          }
        }
      }
      for (const control of root.querySelectorAll('input, select')) {
        const labelled =
          control.hasAttribute('aria-labelledby') ||
          root.querySelector(`label[for="${control.id}"]`) !== null;
        if (!labelled) problems.push(`${control.tagName} ${control.getAttribute('name')} has no label`);
      }
      return problems;
    };
    const continueWithErrors = async (heading: string) => {
      await shadow.findByRole('heading', { name: heading });
      await user.click(shadow.getByRole('button', { name: 'Continue' }));
      const summary = await shadow.findByRole('alert');
      // The summary takes focus (after the next frame in Preact) before anyone types on.
      await waitFor(() => expect(root.activeElement).toBe(summary));
      expect(broken(), heading).toEqual([]);
    };

    await continueWithErrors('About you');
    await fillAboutYou(element, user);

    await continueWithErrors('Your home address');
    await user.type(shadow.getByRole('textbox', { name: 'Street address' }), TYPED.street);
    await user.type(shadow.getByRole('textbox', { name: 'City' }), TYPED.city);
    await user.selectOptions(shadow.getByRole('combobox', { name: 'State' }), 'IL');
    await user.type(shadow.getByRole('textbox', { name: 'ZIP code' }), TYPED.postalCode);
    await user.click(shadow.getByRole('button', { name: 'Continue' }));

    await continueWithErrors('Tax information');
    await user.type(shadow.getByLabelText('Social Security number'), TYPED.ssn);
    await user.click(shadow.getByRole('button', { name: 'Continue' }));

    await continueWithErrors('About your account');
    const [purpose, source] = shadow.getAllByRole('combobox');
    await user.selectOptions(purpose!, 'investing');
    await user.selectOptions(source!, 'salary');
    await user.click(shadow.getByRole('button', { name: 'Continue' }));

    await shadow.findByRole('heading', { name: 'Check your answers' });
    expect(broken(), 'the review').toEqual([]);
    await user.click(shadow.getByRole('button', { name: 'Continue' }));

    const accept = await shadow.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toHaveProperty('disabled', false));
    await user.click(shadow.getByRole('button', { name: 'Accept and continue' }));
    await shadow.findByText('Read and accept the Terms of Service to continue');
    await waitFor(() => expect(root.activeElement).toBe(accept));
    expect(accept.getAttribute('aria-invalid')).toBe('true');
    expect(broken(), 'the Terms with their error').toEqual([]);
    // The flow stops short of done: its draft of the typed names must not prefill the next test's.
    window.sessionStorage.clear();
  });
});

/** Types the "About you" step (name, date of birth) into the element's shadow root and continues. */
/** A `<kyc-onboarding>` for custodyFiat on `client`, alone on the page (a fresh load of the tab). */
function openOnboarding(client: ReturnType<typeof createFakeClient>) {
  const element = document.createElement('kyc-onboarding') as KycKitOnboardingElement;
  element.capability = 'custodyFiat';
  element.client = client;
  document.body.replaceChildren(element);
  return shadowQueries(element);
}

/**
 * A customer with names to give, then the Terms (the review comes between them): the names are given
 * and the flow left on the review, its plan kept in the tab. Returns the client, holding the customer.
 */
async function leaveOnTheReview(user: ReturnType<typeof userEvent.setup>) {
  const { requirements } = customerFixtures.pendingTerms;
  const due = (key: string) => ({ ...requirements[key]!, status: 'due' as const, rawStatus: 'due' });
  const customer = {
    ...customerFixtures.pendingTerms,
    requirements: { ...requirements, firstName: due('firstName'), lastName: due('lastName') },
  };
  const first = createFakeClient({ customer, documents: tosDocumentFixtures });
  const before = openOnboarding(first);
  await user.type(await before.findByRole('textbox', { name: 'First name' }), TYPED.firstName);
  await user.type(before.getByRole('textbox', { name: 'Last name' }), TYPED.lastName);
  await user.click(before.getByRole('button', { name: 'Continue' }));
  await before.findByRole('heading', { name: 'Check your answers' });
  await nextFrame();
  return first;
}

async function fillAboutYou(element: Element, user: ReturnType<typeof userEvent.setup>): Promise<void> {
  const shadow = shadowQueries(element);
  await user.type(await shadow.findByRole('textbox', { name: 'First name' }), TYPED.firstName);
  await user.type(shadow.getByRole('textbox', { name: 'Last name' }), TYPED.lastName);
  await user.type(shadow.getByRole('textbox', { name: 'Day' }), TYPED.day);
  await user.type(shadow.getByRole('textbox', { name: 'Month' }), TYPED.month);
  await user.type(shadow.getByRole('textbox', { name: 'Year' }), TYPED.year);
  await user.click(shadow.getByRole('button', { name: 'Continue' }));
}

/** Fills every step of the custodyFiat flow, confirms the review and accepts the Terms of Service, as a person would. */
async function completeTheFlow(
  element: KycKitElement,
  user: ReturnType<typeof userEvent.setup>,
): Promise<void> {
  const shadow = shadowQueries(element);
  await fillAboutYou(element, user);

  const addressHeading = await shadow.findByRole('heading', { name: 'Your home address' });
  await waitFor(() => expect(shadowOf(element).activeElement).toBe(addressHeading));
  await user.type(shadow.getByRole('textbox', { name: 'Street address' }), TYPED.street);
  await user.type(shadow.getByRole('textbox', { name: 'City' }), TYPED.city);
  await user.selectOptions(shadow.getByRole('combobox', { name: 'State' }), 'IL');
  await user.type(shadow.getByRole('textbox', { name: 'ZIP code' }), TYPED.postalCode);
  await user.click(shadow.getByRole('button', { name: 'Continue' }));

  await shadow.findByRole('heading', { name: 'Tax information' });
  await user.type(shadow.getByLabelText('Social Security number'), TYPED.ssn);
  await user.click(shadow.getByRole('button', { name: 'Continue' }));

  await shadow.findByRole('heading', { name: 'About your account' });
  const [purpose, source] = shadow.getAllByRole('combobox');
  await user.selectOptions(purpose!, 'investing');
  await user.selectOptions(source!, 'salary');
  await user.click(shadow.getByRole('button', { name: 'Continue' }));

  // Check your answers, then the Terms.
  await shadow.findByRole('heading', { name: 'Check your answers' });
  await user.click(shadow.getByRole('button', { name: 'Continue' }));

  const accept = await shadow.findByRole('checkbox', {
    name: 'I have read and accept the Terms of Service',
  });
  await waitFor(() => expect(accept).toHaveProperty('disabled', false));
  await user.click(accept);
  await user.click(shadow.getByRole('button', { name: 'Accept and continue' }));
}

/** A flow for a customer being verified, on a client whose event stream the test drives; not yet in the page. */
function verifyingFlow() {
  const client = createFakeClient({
    customer: customerFixtures.pendingVerifying,
    documents: tosDocumentFixtures,
    eventsUrl: '/api/onboarding/events',
  });
  const element = document.createElement('kyc-onboarding');
  element.capability = 'custodyFiat';
  element.client = client;
  return { client, element };
}

/** The provider rejects a detail while verifying: resolves with the heading of the form step the flow goes back to. */
async function rejectWhileVerifying(client: ReturnType<typeof createFakeClient>, element: HTMLElement) {
  client.customer = customerFixtures.pendingRejected;
  FakeEventSource.instances[0]!.send('customer', { customer: customerFixtures.pendingRejected });
  return waitFor(() => {
    const found = shadowOf(element).querySelector<HTMLElement>('[data-step] .kyc-heading');
    if (found === null) throw new Error('no form step yet');
    return found;
  });
}

describe('the flow and its events', () => {
  it('moves focus to the step heading when the flow goes back while focus is in it, inside a shadow root of the page’s own component', async () => {
    const { client, element } = verifyingFlow();
    element.showExit = true;
    // A partner's own component (Lit, Stencil, Angular's ShadowDom) that puts the element in its shadow root.
    customElements.define(
      'partner-card',
      class extends HTMLElement {
        connectedCallback() {
          if (this.shadowRoot === null) this.attachShadow({ mode: 'open' }).append(element);
        }
      },
    );
    document.body.append(document.createElement('partner-card'));
    const shadow = shadowQueries(element);
    await shadow.findByRole('heading', { name: 'Checking your details' });
    await nextFrame();
    // A keyboard user on the flow's own Close button while the details are checked.
    const close = shadow.getByRole('button', { name: 'Close' });
    close.focus();
    expect(shadowOf(element).activeElement).toBe(close);
    const heading = await rejectWhileVerifying(client, element);
    await waitFor(() => expect(shadowOf(element).activeElement).toBe(heading));
  });

  it('goes to done with step-change and complete events that carry keys only, bubbling out of the shadow root', async () => {
    const user = userEvent.setup({ delay: null });
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const shadow = shadowQueries(element);
    await completeTheFlow(element, user);
    expect(await shadow.findByRole('heading', { name: "You're all set" })).toBeTruthy();
    await waitFor(() => expect(eventsOf('kyc-complete')).toHaveLength(1));

    expect(eventsOf('kyc-step-change').map((event) => event.detail)).toEqual([
      // One count from the first step: the form's four steps, the review and the Terms of Service.
      { stepId: 'personal', stepNumber: 1, stepCount: 6 },
      { stepId: 'address', stepNumber: 2, stepCount: 6 },
      { stepId: 'taxId', stepNumber: 3, stepCount: 6 },
      { stepId: 'financial', stepNumber: 4, stepCount: 6 },
      { stepId: 'review', stepNumber: 5, stepCount: 6 },
      { stepId: 'terms', stepNumber: 6, stepCount: 6 },
    ]);
    expect(eventsOf('kyc-complete')[0]?.detail).toEqual({
      customerId: expect.any(String),
      capabilities: ['custodyFiat'],
    });
    for (const event of recorder.events) {
      expect(event, event.type).toMatchObject({ bubbles: true, composed: true });
      const detail = JSON.stringify(event.detail);
      // Every value long enough not to occur by chance (the day and month are digits a step number has too).
      for (const value of Object.values(TYPED).filter((typed) => typed.length >= 4))
        expect(detail, `${event.type} carries ${value}`).not.toContain(value);
      expect(detail).not.toContain('123456789');
    }
  });

  it('a Continue pressed as soon as the step appears saves it', async () => {
    const user = userEvent.setup({ delay: null });
    const existing = fakeCustomer({
      requirements: { firstName: 'due', lastName: 'due', addressLine1: 'due' },
    });
    await openOnboarding(createFakeClient({ customer: existing })).findByRole('textbox', {
      name: 'First name',
    });
    await nextFrame();

    // The tab reloaded: the kept plan says a customer exists, so the flow shows Loading until the read answers.
    const client = createFakeClient({ customer: existing });
    const shadow = openOnboarding(client);
    expect(await shadow.findByText('Loading…')).toBeTruthy();
    // A keyboard user (or a test) quick enough to act in the frame the step appears in, before any effect ran.
    await user.type(await shadow.findByRole('textbox', { name: 'First name' }), TYPED.firstName);
    await user.type(shadow.getByRole('textbox', { name: 'Last name' }), TYPED.lastName);
    await user.click(shadow.getByRole('button', { name: 'Continue' }));
    expect(await shadow.findByRole('heading', { name: 'Your home address' })).toBeTruthy();
    expect(client.writes).toHaveLength(1);
  });

  it('a Continue pressed as soon as the review appears after a reload confirms it', async () => {
    const user = userEvent.setup({ delay: null });
    const first = await leaveOnTheReview(user);

    // The tab reloaded on the review: Loading, then the review the kept plan says is still to confirm.
    const shadow = openOnboarding(
      createFakeClient({ customer: first.customer, documents: tosDocumentFixtures }),
    );
    expect(await shadow.findByText('Loading…')).toBeTruthy();
    await shadow.findByRole('heading', { name: 'Check your answers' });
    await user.click(shadow.getByRole('button', { name: 'Continue' }));
    expect(
      await shadow.findByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
    ).toBeTruthy();
  });

  it('after a reload on the review, tells the page of the review only, never the Terms first', async () => {
    const user = userEvent.setup({ delay: null });
    const first = await leaveOnTheReview(user);

    // The tab reloaded on the review: every step change from here on is the review's.
    const seen = eventsOf('kyc-step-change').length;
    const shadow = openOnboarding(
      createFakeClient({ customer: first.customer, documents: tosDocumentFixtures }),
    );
    await shadow.findByRole('heading', { name: 'Check your answers' });
    await nextFrame();
    expect(
      shadow.queryByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
    ).toBeNull();
    expect(
      eventsOf('kyc-step-change')
        .slice(seen)
        .map((event) => event.detail),
    ).toEqual([{ stepId: 'review', stepNumber: 2, stepCount: 3 }]);
  });

  it('moves focus to the step heading when the provider sends the flow back to a form step', async () => {
    const { client, element } = verifyingFlow();
    document.body.append(element);
    const shadow = shadowQueries(element);
    await shadow.findByRole('heading', { name: 'Checking your details' });
    await nextFrame();
    // The provider rejects a detail while verifying: the flow goes back to the step that asks for it.
    const heading = await rejectWhileVerifying(client, element);
    await waitFor(() => expect(shadowOf(element).activeElement).toBe(heading));
  });

  it('leaves focus where the page put it when the flow changes by itself, and shows the support contact', async () => {
    const { client, element } = verifyingFlow();
    const button = document.createElement('button');
    button.textContent = 'Partner menu';
    element.setAttribute('support-email', 'help@example.com');
    document.body.append(button, element);
    const shadow = shadowQueries(element);
    await shadow.findByRole('heading', { name: 'Checking your details' });
    await nextFrame();
    button.focus();
    // The provider turns the customer down while nothing is left for the user to do: shown at once.
    const inactive = {
      ...customerFixtures.pendingVerifying,
      capabilities: {
        ...customerFixtures.pendingVerifying.capabilities,
        custodyFiat: { requested: true, status: 'inactive' as const, rawStatus: 'inactive' },
      },
    };
    client.customer = inactive;
    FakeEventSource.instances[0]!.send('customer', { customer: inactive });
    expect(await shadow.findByRole('heading', { name: 'We can’t continue' })).toBeTruthy();
    expect(shadow.getByRole('link', { name: 'help@example.com' }).getAttribute('href')).toBe(
      'mailto:help@example.com',
    );
    await nextFrame();
    expect(document.activeElement).toBe(button);
  });

  it('dispatches kyc-error with load_failed when the customer cannot be read, and shows the error with a retry', async () => {
    const element = document.createElement('kyc-onboarding');
    element.capability = 'custodyFiat';
    element.client = createFakeClient({ mode: 'signed-out' });
    document.body.append(element);
    expect(await shadowQueries(element).findByRole('button', { name: 'Try again' })).toBeTruthy();
    await waitFor(() =>
      expect(eventsOf('kyc-error').map((event) => event.detail)).toEqual([{ code: 'load_failed' }]),
    );
  });

  it('dispatches kyc-exit from the exit button with show-exit, and offers none without it', async () => {
    const user = userEvent.setup({ delay: null });
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    const shadow = shadowQueries(element);
    await shadow.findByRole('button', { name: 'Continue' });
    expect(shadow.queryByRole('button', { name: 'Finish later' })).toBeNull();
    element.toggleAttribute('show-exit', true);
    const exit = await shadow.findByRole('button', { name: 'Finish later' });
    await nextFrame();
    await user.click(exit);
    expect(eventsOf('kyc-exit').map((event) => event.detail)).toEqual([{ state: 'collect' }]);
  });
});

describe('sharing and cleanup', () => {
  it('shares one client and one event stream among the elements of a page, and closes it with the last', async () => {
    document.body.innerHTML = `
      <kyc-capability-status capability="custodyFiat"></kyc-capability-status>
      <kyc-onboarding capability="custodyFiat"></kyc-onboarding>
      <kyc-capability-gate capability="custodyFiat"><p>Your balance</p></kyc-capability-gate>`;
    const [status, onboarding, gate] = [...document.body.children];
    await shadowQueries(onboarding!).findByRole('heading', { name: 'About you' });
    await shadowQueries(status!).findByText('Not set up');
    await shadowQueries(gate!).findByRole('button');
    await nextFrame();
    expect(FakeEventSource.instances.map((source) => source.url)).toEqual(['/api/onboarding/events']);

    const stream = FakeEventSource.instances[0]!;
    onboarding!.remove();
    status!.remove();
    await afterRemoval();
    expect(stream.readyState).not.toBe(FakeEventSource.CLOSED);
    expect(shadowOf(onboarding!).childElementCount).toBe(0);
    gate!.remove();
    await waitFor(() => expect(stream.readyState).toBe(FakeEventSource.CLOSED));
    expect(shadowOf(gate!).childElementCount).toBe(0);

    // Put back later, it renders again and opens a stream of its own.
    document.body.append(gate!);
    expect(await shadowQueries(gate!).findByRole('button')).toBeTruthy();
    await nextFrame();
    expect(
      FakeEventSource.instances.filter((source) => source.readyState !== FakeEventSource.CLOSED),
    ).toHaveLength(1);
  });

  it('keeps what was typed when the element is moved rather than removed', async () => {
    const user = userEvent.setup({ delay: null });
    const element = mount('<kyc-onboarding capability="custodyFiat"></kyc-onboarding>');
    await user.type(await shadowQueries(element).findByRole('textbox', { name: 'First name' }), 'Ada');
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element);
    await afterRemoval();
    await nextFrame();
    expect(shadowQueries(element).getByRole('textbox', { name: 'First name' })).toHaveProperty(
      'value',
      'Ada',
    );
    expect(
      FakeEventSource.instances.filter((source) => source.readyState !== FakeEventSource.CLOSED),
    ).toHaveLength(1);
  });

  it('pushes live updates from the shared stream into every element', async () => {
    const element = mount('<kyc-capability-status capability="custodyFiat"></kyc-capability-status>');
    await shadowQueries(element).findByText('Not set up');
    const customer = await backend.client.createCustomer(
      { fields: { firstName: 'Ada', lastName: 'Quill' }, capabilities: ['custodyFiat'] },
      { idempotencyKey: crypto.randomUUID() },
    );
    FakeEventSource.instances[0]!.send('customer', { customer });
    expect(await shadowQueries(element).findByText('Action needed')).toBeTruthy();
  });
});

describe('sign-out', () => {
  it('starts afresh for the next person once the page changes user-key: no cache or stream of the last one', async () => {
    const client = createFakeClient({
      customer: customerFixtures.active,
      eventsUrl: '/api/onboarding/events',
    });
    const element = document.createElement('kyc-capability-status') as KycKitElement;
    element.capability = 'custodyFiat';
    element.setAttribute('user-key', 'user_ada');
    element.client = client;
    document.body.append(element);
    const shadow = shadowQueries(element);
    expect(await shadow.findByText('Ready')).toBeTruthy();
    const adasStream = FakeEventSource.instances.at(-1);

    // Ada signed out and Grace, with no customer yet, signed in: the page tells the element who it is for.
    client.customer = null;
    element.userKey = 'user_grace';
    expect(await shadow.findByText('Not set up')).toBeTruthy();
    expect(shadow.queryByText('Ready')).toBeNull();
    await waitFor(() => expect(adasStream?.readyState).toBe(FakeEventSource.CLOSED));
    expect(FakeEventSource.instances.at(-1)).not.toBe(adasStream);
  });

  it('starts the flow afresh, at its own step 1, when the page gives the element another client mid-flow', async () => {
    const user = userEvent.setup({ document });
    const first = createFakeClient({ customer: customerFixtures.pendingNew, documents: tosDocumentFixtures });
    const element = document.createElement('kyc-onboarding') as KycKitOnboardingElement;
    element.capability = 'custodyFiat';
    element.client = first;
    document.body.append(element);
    const shadow = shadowQueries(element);
    await fillAboutYou(element, user);
    expect(await shadow.findByText('Step 2 of 6')).toBeTruthy();

    // Another person's client (or another proxy's): their own flow from its first step, not the last one's.
    const next = createFakeClient({ customer: customerFixtures.pendingNew, documents: tosDocumentFixtures });
    element.client = next;
    expect(await shadow.findByText('Step 1 of 6')).toBeTruthy();
    expect(shadow.getByRole('heading', { name: 'About you' })).toBeTruthy();
    expect((shadow.getByRole('textbox', { name: 'First name' }) as HTMLInputElement).value).toBe('');
    expect(first.writes).toHaveLength(1);
    expect(next.writes).toHaveLength(0);
  });

  it("clears the drafts with the page's clearDrafts(), so the next person at the browser finds none", async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', lastName: 'due' } }),
    });
    const open = () => {
      const element = document.createElement('kyc-onboarding');
      element.capability = 'custodyFiat';
      element.client = client;
      document.body.append(element);
      return shadowQueries(element);
    };
    await user.type(await open().findByRole('textbox', { name: 'First name' }), 'Zenobia');
    const stored = () => JSON.stringify(Object.values(window.sessionStorage));
    await waitFor(() => expect(stored()).toContain('Zenobia'));

    // The page's sign-out: no React of its own to reach the hooks' clearDrafts through.
    clearDrafts();
    document.body.replaceChildren();
    await afterRemoval();
    expect(stored()).not.toContain('Zenobia');
    expect(await open().findByRole('textbox', { name: 'First name' })).toHaveProperty('value', '');
  });
});

describe('<kyc-capability-gate>', () => {
  it('moves focus to the first step’s heading when the person starts onboarding from the gate', async () => {
    const user = userEvent.setup({ delay: null });
    const element = mount(
      '<kyc-capability-gate capability="custodyFiat"><p>Your balance</p></kyc-capability-gate>',
    );
    const shadow = shadowQueries(element);
    const start = await shadow.findByRole('button', { name: 'Continue setup' });
    await nextFrame();
    await user.click(start);
    // The button pressed is gone: without this, focus falls to the page's start.
    const heading = await shadow.findByRole('heading', { name: 'About you' });
    await waitFor(() => expect(shadowOf(element).activeElement).toBe(heading));
  });

  it('shows the page’s fallback once a child it already has is given slot="fallback"', async () => {
    const element = mount(
      '<kyc-capability-gate capability="custodyFiat"><p>Your balance</p><p>Verify first</p></kyc-capability-gate>',
    );
    expect(await shadowQueries(element).findByRole('button', { name: 'Continue setup' })).toBeTruthy();
    element.querySelector('p:last-child')!.slot = 'fallback';
    await waitFor(() => expect(shadowOf(element).querySelector('slot[name="fallback"]')).not.toBeNull());
    expect(shadowQueries(element).queryByRole('button', { name: 'Continue setup' })).toBeNull();
  });

  it('offers onboarding when the capability is not active, or the page’s own fallback slot', async () => {
    const element = mount(
      '<kyc-capability-gate capability="custodyFiat"><p>Your balance</p></kyc-capability-gate>',
    );
    const shadow = shadowQueries(element);
    expect(await shadow.findByRole('button')).toBeTruthy();
    expect(shadowOf(element).querySelector('slot:not([name])')).toBeNull();

    await userEvent.setup({ delay: null }).click(shadow.getByRole('button'));
    // The inline onboarding's events come from the gate, like those of <kyc-onboarding>.
    expect(await shadow.findByRole('heading', { name: 'About you' })).toBeTruthy();
    await waitFor(() =>
      expect(eventsOf('kyc-step-change').map((event) => event.detail)).toEqual([
        { stepId: 'personal', stepNumber: 1, stepCount: 6 },
      ]),
    );

    const fallback = document.createElement('p');
    fallback.slot = 'fallback';
    fallback.textContent = 'Set up your account first';
    element.append(fallback);
    await waitFor(() => expect(shadowOf(element).querySelector('slot[name="fallback"]')).not.toBeNull());
  });
});
