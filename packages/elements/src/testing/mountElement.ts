import { FakeEventSource } from '../../../hooks/src/testing/FakeEventSource';
import { createInProcessProxy } from '../../../hooks/src/testing/createInProcessProxy';
import type { InProcessProxy } from '../../../hooks/src/testing/createInProcessProxy';

export { FakeEventSource };

/** Events one element dispatched, in order, as seen by a listener on the document. */
export interface RecordedEvent {
  type: string;
  detail: unknown;
  bubbles: boolean;
  composed: boolean;
}

const EVENT_TYPES = ['kyc-complete', 'kyc-step-change', 'kyc-exit', 'kyc-error'];

/** Listens on the document for every element event; the listener goes with `stop()`. */
export function recordEvents(): { events: RecordedEvent[]; stop: () => void } {
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
export function stubBackend(): InProcessProxy {
  const proxy = createInProcessProxy();
  FakeEventSource.instances = [];
  vi.stubGlobal('fetch', proxy.fetch);
  vi.stubGlobal('EventSource', FakeEventSource);
  return proxy;
}

/** The element's shadow root; fails the test when there is none. */
export function shadowOf(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (root === null) throw new Error(`${element.tagName} has no shadow root`);
  return root;
}
