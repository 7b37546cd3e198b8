import * as z from 'zod';
import { isKnownFieldKey } from '../fields/fieldSpecFor';
import type { Capability, Customer, Requirement, TosVersion } from '../model';
import { coinbase, type CoinbaseCustomer, type CoinbaseRequirement } from '../providers/coinbaseSchemas';
import type { CustomerEvent } from './customerEvent';
import { normalizeCapabilityStatus, normalizeRequirementStatus } from './normalizeStatus';
import { parseProviderPayload, ProviderShapeError } from './ProviderShapeError';
import { isIsoDateTime } from './isIsoDateTime';
import { parseCoinbaseError, type ProviderError } from './providerError';
import { tosVersionFromUrl, type TosVersionResolver } from './tosVersionFromUrl';

/** Options of an adapter's `parseCustomer`. */
export interface ParseCustomerOptions {
  /** Read with the spec-exact schema (unknown keys and statuses rejected). */
  strict?: boolean;
}

/** What every adapter offers: turning provider payloads into kit values. */
export interface ProviderAdapter {
  name: Customer['provider'];
  /** Maps a provider customer to a normalized {@link Customer}; throws {@link ProviderShapeError} on a broken shape only. */
  parseCustomer(raw: unknown, options?: ParseCustomerOptions): Customer;
  /** Normalizes a webhook event body; an unknown event type is returned as `unknown`. */
  parseWebhookEvent(raw: unknown): CustomerEvent;
  /** Normalizes an error body; never throws. */
  parseError(raw: unknown, httpStatus?: number): ProviderError;
}

/** Options of {@link createCoinbaseAdapter}. */
export interface CoinbaseAdapterOptions {
  /**
   * Where the version of a guides-shape ToS requirement (`{ status, url }`,
   * no `tosVersions`) comes from. Absent, the documented rule of
   * {@link tosVersionFromUrl} applies; a resolver that returns `undefined`
   * leaves the requirement without a version (it cannot be accepted).
   * The spec's `tosVersions[]`, when sent, always wins.
   */
  resolveTosVersion?: TosVersionResolver;
}

/** Maps one Coinbase requirement entry to the kit's {@link Requirement}. */
export function toRequirement(
  key: string,
  entry: CoinbaseRequirement,
  options: CoinbaseAdapterOptions = {},
): Requirement {
  const requirement: Requirement = {
    key,
    known: isKnownFieldKey(key),
    status: normalizeRequirementStatus(entry.status),
    rawStatus: entry.status,
    impact: entry.impact ?? [],
  };
  // A deadline that is not an ISO date is provider text: dropped, never shown.
  if (isIsoDateTime(entry.deadline)) requirement.deadline = entry.deadline;
  if (key === 'tos') {
    requirement.tos = {
      versions: (entry.tosVersions ?? []).map(({ versionId, languages, url }) => ({
        versionId,
        languages,
        url,
      })),
    };
    // The guides' shape: a bare `url` on the requirement. Its version comes from
    // the partner's resolver, else from the url by the documented rule.
    if (typeof entry.url === 'string') {
      requirement.tos.url = entry.url;
      if (requirement.tos.versions.length === 0) {
        const version = resolveGuidesTosVersion(entry.url, options);
        if (version !== undefined) requirement.tos.versions.push(version);
      }
    }
  }
  if (key === 'taxAttestation') requirement.taxForms = entry.taxForms ?? [];
  return requirement;
}

function resolveGuidesTosVersion(url: string, options: CoinbaseAdapterOptions): TosVersion | undefined {
  if (options.resolveTosVersion === undefined) return tosVersionFromUrl(url);
  const resolved = options.resolveTosVersion({ url });
  if (resolved === undefined || resolved.versionId === '' || resolved.languages.length === 0)
    return undefined;
  return { versionId: resolved.versionId, languages: [...resolved.languages], url };
}

function toCapability(entry: { requested?: boolean | undefined; status: string }): Capability {
  const status = normalizeCapabilityStatus(entry.status);
  return { requested: entry.requested ?? status !== 'unrequested', status, rawStatus: entry.status };
}

function definedEntries<Value>(record: Record<string, Value | undefined>): [string, Value][] {
  return Object.entries(record).filter((entry): entry is [string, Value] => entry[1] !== undefined);
}

function toCustomer(parsed: CoinbaseCustomer, options: CoinbaseAdapterOptions): Customer {
  const customer: Customer = {
    id: parsed.customerId,
    provider: 'coinbase',
    capabilities: Object.fromEntries(
      definedEntries(parsed.capabilities).map(([name, entry]) => [name, toCapability(entry)]),
    ),
    requirements: Object.fromEntries(
      Object.entries(parsed.requirements).map(([key, entry]) => [key, toRequirement(key, entry, options)]),
    ),
    tosAcceptances: (parsed.tosAcceptances ?? []).map(({ versionId, language, acceptedAt }) => ({
      versionId,
      language,
      acceptedAt,
    })),
    profile: {},
  };
  const firstName = parsed.individual?.firstName;
  const lastName = parsed.individual?.lastName;
  // The spec echoes email inside `individual`; the guides at the top.
  const topLevelEmail: unknown = parsed.email;
  const email = parsed.individual?.email ?? (typeof topLevelEmail === 'string' ? topLevelEmail : undefined);
  if (firstName !== undefined) customer.profile.firstName = firstName;
  if (lastName !== undefined) customer.profile.lastName = lastName;
  if (email !== undefined) customer.profile.email = email;
  if (parsed.createdAt !== undefined) customer.createdAt = parsed.createdAt;
  if (parsed.updatedAt !== undefined) customer.updatedAt = parsed.updatedAt;
  return customer;
}

const eventEnvelope = z.looseObject({
  eventType: z.string().optional(),
  type: z.string().optional(),
  eventId: z.string().optional(),
  timestamp: z.string().optional(),
  data: z.looseObject({ customerId: z.string().optional() }).optional(),
});

/** Normalizes a Coinbase webhook body: the spec's events and the guides' one. */
export function parseCoinbaseWebhookEvent(raw: unknown, options: CoinbaseAdapterOptions = {}): CustomerEvent {
  const envelope = parseProviderPayload(eventEnvelope, raw, 'coinbase webhook event');
  const eventType = envelope.eventType ?? envelope.type;
  if (eventType === undefined) {
    throw new ProviderShapeError('coinbase webhook event', [{ path: 'eventType', code: 'invalid_type' }]);
  }
  switch (eventType) {
    case 'customers.capability.changed': {
      const event = parseProviderPayload(coinbase.capabilityChangedEvent, raw, 'coinbase webhook event');
      return {
        type: 'capability_changed',
        provider: 'coinbase',
        eventType,
        eventId: event.eventId,
        customerId: event.data.customerId,
        occurredAt: event.timestamp,
        changes: event.data.capabilities.map(({ code, status }) => ({
          capability: code,
          status: normalizeCapabilityStatus(status),
          rawStatus: status,
        })),
      };
    }
    case 'customers.customer.deleted': {
      const event = parseProviderPayload(coinbase.customerDeletedEvent, raw, 'coinbase webhook event');
      return {
        type: 'customer_deleted',
        provider: 'coinbase',
        eventType,
        eventId: event.eventId,
        customerId: event.data.customerId,
        occurredAt: event.timestamp,
      };
    }
    case 'customer.capability.status_changed': {
      const event = parseProviderPayload(
        coinbase.capabilityStatusChangedEvent,
        raw,
        'coinbase webhook event',
      );
      const { data } = event;
      const change: CustomerEvent & { type: 'capability_changed' } = {
        type: 'capability_changed',
        provider: 'coinbase',
        eventType,
        customerId: data.customerId,
        changes: [
          {
            capability: data.capability,
            status: normalizeCapabilityStatus(data.status),
            rawStatus: data.status,
            ...(data.previousStatus === undefined
              ? {}
              : { previousStatus: normalizeCapabilityStatus(data.previousStatus) }),
          },
        ],
      };
      if (envelope.eventId !== undefined) change.eventId = envelope.eventId;
      if (data.requirements !== undefined) {
        change.requirements = Object.fromEntries(
          Object.entries(data.requirements).map(([key, entry]) => [key, toRequirement(key, entry, options)]),
        );
      }
      return change;
    }
    default: {
      const unknown: CustomerEvent = { type: 'unknown', provider: 'coinbase', eventType };
      if (envelope.eventId !== undefined) unknown.eventId = envelope.eventId;
      if (envelope.data?.customerId !== undefined) unknown.customerId = envelope.data.customerId;
      if (envelope.timestamp !== undefined) unknown.occurredAt = envelope.timestamp;
      return unknown;
    }
  }
}

/**
 * Creates a Coinbase Customers adapter: reads both the guides' and the
 * published spec's shapes (ToS as `url` or `tosVersions[]`, contact fields at
 * the top or inside `individual`, both webhook families).
 */
export function createCoinbaseAdapter(options: CoinbaseAdapterOptions = {}): ProviderAdapter {
  return {
    name: 'coinbase',
    parseCustomer(raw, parseOptions = {}) {
      if (parseOptions.strict === true) {
        // The strict output is a subset of the loose one (fewer optional keys).
        return toCustomer(
          parseProviderPayload(coinbase.strict.customer, raw, 'coinbase customer') as CoinbaseCustomer,
          options,
        );
      }
      return toCustomer(parseProviderPayload(coinbase.customer, raw, 'coinbase customer'), options);
    },
    parseWebhookEvent: (raw) => parseCoinbaseWebhookEvent(raw, options),
    parseError: parseCoinbaseError,
  };
}

/**
 * The Coinbase Customers adapter with the default options: a guides-shape
 * ToS requirement gets its version from the url ({@link tosVersionFromUrl}).
 */
export const coinbaseAdapter: ProviderAdapter = createCoinbaseAdapter();
