import { randomUUID } from 'node:crypto';
import { coinbaseCustomerView } from './coinbaseCustomerView';
import type { CoinbaseCustomer } from './coinbaseCustomerView';
import type { CustomerState } from './customerState';
import { hasPendingFields, verifyPendingFields } from './customerState';
import { createCustomerStore } from './customerStore';
import type { CustomerStore } from './customerStore';
import { createFaultInjector } from './faultInjector';
import type { FaultInjector } from './faultInjector';
import { createIdempotencyStore } from './idempotencyStore';
import type { IdempotencyStore } from './idempotencyStore';
import { omsCustomerView, shapeOmsEndorsement, shapeOmsCustomer } from './omsCustomerView';
import type { OmsCustomerView } from './omsCustomerView';
import type { SandboxDatabase } from './openSandboxDatabase';
import type { OmsShapes, SandboxDialect } from './sandboxDialect';
import { ensureDefaultTosVersion, listTosVersions } from './termsOfService';
import type { PublishedTosVersion } from './termsOfService';
import type { WebhookDispatcher } from './webhookDispatcher';

/** Where and how the sandbox sends webhooks. */
export interface SandboxWebhookOptions {
  /** Where Coinbase events are posted (and OMS events, unless `omsUrl` is given). */
  url: string;
  /**
   * The subscription secret. Coinbase events are signed with it in Hook0's
   * scheme (`X-Hook0-Signature`); OMS events in the Standard Webhooks scheme
   * (`Webhook-Id`, `Webhook-Timestamp`, `Webhook-Signature`), with `omsSecret`
   * when given.
   */
  secret: string;
  /**
   * The OMS subscription secret: `whsec_<base64 key>` as OMS hands them out,
   * or any other string, taken as the key bytes.
   * @default secret
   */
  omsSecret?: string;
  /**
   * Which Coinbase event shape to send: the published spec's
   * `customers.capability.changed` or the guides' `customer.capability.status_changed`.
   * @default the sandbox's dialect
   */
  format?: 'spec' | 'guides';
  /** Where OMS events are posted. @default url */
  omsUrl?: string;
  /** The first redelivery waits this long, each later one twice as long. @default 1000 */
  retryBaseMs?: number;
  /** Delivery attempts per event, the first included. @default 8 */
  maxAttempts?: number;
  /** How long an attempt waits for the receiver to answer; then it counts as failed and is retried. @default 15000 */
  deliveryTimeoutMs?: number;
}

/** The shared state and behaviour every route works with. */
export interface SandboxEngine {
  database: SandboxDatabase;
  customers: CustomerStore;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  dispatcher: WebhookDispatcher | undefined;
  publicUrl: string;
  /** Which Coinbase shapes the API answers in. */
  dialect: SandboxDialect;
  /** How the OMS API writes endorsements; the control API changes it. */
  omsShapes: OmsShapes;
  now(): Date;
  tosVersions(): PublishedTosVersion[];
  coinbaseView(state: CustomerState): CoinbaseCustomer;
  omsView(state: CustomerState): OmsCustomerView;
  /** The OMS customer as the API sends it: {@link omsView} in the current {@link OmsShapes}. */
  omsWire(state: CustomerState): unknown;
  /** Saves a changed record, announces status changes by webhook and schedules verification. */
  commit(state: CustomerState, options?: { created?: boolean }): void;
  /** Announces a deletion (Coinbase `customers.customer.deleted`). */
  announceDeletion(state: CustomerState): void;
  /** Runs verification now, "Slow" customers included. Returns the ids that changed. */
  advance(customerId?: string): string[];
  /** Re-announces every customer's statuses (after a ToS publication changes them). */
  reannounceAll(): void;
  /** Cancels scheduled verifications (for reset and close). */
  cancelVerifications(): void;
}

/** What the engine is built from. */
export interface SandboxEngineOptions {
  database: SandboxDatabase;
  publicUrl: string;
  verifyMs: number;
  manual: boolean;
  dialect: SandboxDialect;
  omsShapes: OmsShapes;
  webhooks: SandboxWebhookOptions | undefined;
  dispatcher: WebhookDispatcher | undefined;
}

/** Builds the engine: stores, status evaluation, verification timers and webhook announcements. */
export function createSandboxEngine(options: SandboxEngineOptions): SandboxEngine {
  const { database } = options;
  const customers = createCustomerStore(database);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  ensureDefaultTosVersion(database, new Date().toISOString());

  const engine: SandboxEngine = {
    database,
    customers,
    idempotency: createIdempotencyStore(database),
    faults: createFaultInjector(),
    dispatcher: options.dispatcher,
    publicUrl: options.publicUrl,
    dialect: options.dialect,
    omsShapes: { ...options.omsShapes },
    now: () => new Date(),
    tosVersions: () => listTosVersions(database),
    coinbaseView(state) {
      return coinbaseCustomerView(state, {
        tosVersions: listTosVersions(database),
        publicUrl: options.publicUrl,
        now: new Date(),
        dialect: options.dialect,
      });
    },
    omsView(state) {
      return omsCustomerView(state);
    },
    omsWire(state) {
      return shapeOmsCustomer(omsCustomerView(state), engine.omsShapes);
    },
    commit(state, commitOptions) {
      if (commitOptions?.created === true) customers.insert(state);
      announce(state);
      customers.save(state);
      scheduleVerification(state);
    },
    announceDeletion(state) {
      const webhooks = options.webhooks;
      if (webhooks === undefined || options.dispatcher === undefined || state.provider !== 'coinbase') return;
      const eventId = randomUUID();
      options.dispatcher.enqueue({
        eventId,
        provider: 'coinbase',
        eventType: 'customers.customer.deleted',
        url: webhooks.url,
        body: {
          eventId,
          eventType: 'customers.customer.deleted',
          timestamp: new Date().toISOString(),
          data: { customerId: state.id },
        },
      });
    },
    advance(customerId) {
      const targets =
        customerId === undefined
          ? customers.all()
          : [customers.get(customerId)].filter((state) => state !== undefined);
      const changed: string[] = [];
      for (const state of targets) {
        if (state.deleted) continue;
        if (verifyPendingFields(state, { force: true })) {
          state.updatedAt = new Date().toISOString();
          changed.push(state.id);
        }
        engine.commit(state);
      }
      return changed;
    },
    reannounceAll() {
      for (const state of customers.all()) {
        if (state.deleted) continue;
        announce(state);
        customers.save(state);
      }
    },
    cancelVerifications() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };

  function currentStatuses(state: CustomerState): Record<string, string> {
    if (state.provider === 'coinbase') {
      return Object.fromEntries(
        Object.entries(engine.coinbaseView(state).capabilities).map(([name, capability]) => [
          name,
          capability.status,
        ]),
      );
    }
    return Object.fromEntries(
      omsCustomerView(state).endorsements.map((endorsement) => [endorsement.name, endorsement.status]),
    );
  }

  function announce(state: CustomerState): void {
    const statuses = currentStatuses(state);
    const previous = state.announcedStatuses;
    state.announcedStatuses = statuses;
    const webhooks = options.webhooks;
    const dispatcher = options.dispatcher;
    if (webhooks === undefined || dispatcher === undefined || state.deleted) return;
    const timestamp = new Date().toISOString();
    if (state.provider === 'coinbase') {
      const changes = Object.entries(statuses).filter(
        ([name, status]) => (previous[name] ?? 'unrequested') !== status,
      );
      if (changes.length === 0) return;
      if ((webhooks.format ?? options.dialect) === 'spec') {
        const eventId = randomUUID();
        dispatcher.enqueue({
          eventId,
          provider: 'coinbase',
          eventType: 'customers.capability.changed',
          url: webhooks.url,
          body: {
            eventId,
            eventType: 'customers.capability.changed',
            timestamp,
            data: { customerId: state.id, capabilities: changes.map(([code, status]) => ({ code, status })) },
          },
        });
        return;
      }
      const requirements = engine.coinbaseView(state).requirements;
      for (const [capability, status] of changes) {
        const blocking = Object.fromEntries(
          Object.entries(requirements).filter(
            ([, requirement]) => requirement.impact?.includes(capability) === true,
          ),
        );
        // The guides' shape has no id field: the event id travels in the X-Event-Id header Hook0 sends.
        dispatcher.enqueue({
          eventId: randomUUID(),
          provider: 'coinbase',
          eventType: 'customer.capability.status_changed',
          url: webhooks.url,
          body: {
            type: 'customer.capability.status_changed',
            data: {
              customerId: state.id,
              capability,
              previousStatus: previous[capability] ?? 'unrequested',
              status,
              requirements: blocking,
            },
          },
        });
      }
      return;
    }
    // OMS documents one event, customer.endorsement.granted: sent when an endorsement turns ACTIVE.
    const view = omsCustomerView(state);
    for (const endorsement of view.endorsements) {
      if (endorsement.status !== 'ACTIVE' || previous[endorsement.name] === 'ACTIVE') continue;
      const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
      dispatcher.enqueue({
        eventId,
        provider: 'oms',
        eventType: 'customer.endorsement.granted',
        url: webhooks.omsUrl ?? webhooks.url,
        body: {
          id: eventId,
          type: 'customer.endorsement.granted',
          createdAt: timestamp,
          data: { customerId: state.id, endorsement: shapeOmsEndorsement(endorsement, engine.omsShapes) },
        },
      });
    }
  }

  function scheduleVerification(state: CustomerState): void {
    if (options.manual || state.deleted || !hasPendingFields(state) || timers.has(state.id)) return;
    const timer = setTimeout(() => {
      timers.delete(state.id);
      const current = customers.get(state.id);
      if (current === undefined || current.deleted) return;
      if (verifyPendingFields(current, { force: false })) {
        current.updatedAt = new Date().toISOString();
        engine.commit(current);
      }
    }, options.verifyMs);
    // A forgotten close() must not keep the partner's test process alive.
    timer.unref?.();
    timers.set(state.id, timer);
  }

  // Verifications a previous run left scheduled resume on start.
  for (const state of customers.all()) scheduleVerification(state);

  return engine;
}
