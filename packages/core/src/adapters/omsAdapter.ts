import * as z from 'zod';
import { isKnownFieldKey } from '../fields/fieldSpecFor';
import {
  KNOWN_CAPABILITIES,
  type Capability,
  type CapabilityStatus,
  type Customer,
  type KnownCapability,
  type Requirement,
  type RequirementStatus,
  type TosVersion,
} from '../model';
import { OMS_TOS_VERSION } from '../omsTosVersion';
import { oms, OMS_ENDORSEMENTS, type OmsCustomer, type OmsEndorsement } from '../providers/omsSchemas';
import type { ProviderAdapter } from './coinbaseAdapter';
import type { CustomerEvent } from './customerEvent';
import { requirementUrgency } from './normalizeStatus';
import { parseProviderPayload } from './ProviderShapeError';
import { parseOmsError } from './providerError';

// Re-exported so callers that found it beside the adapter keep working; it lives apart (see there).
export { OMS_TOS_VERSION };

/** An OMS endorsement name. */
export type OmsEndorsementName = (typeof OMS_ENDORSEMENTS)[number];

/** Which endorsement grants each kit capability (docs/contracts.md). */
export const OMS_ENDORSEMENT_FOR_CAPABILITY: Readonly<Record<KnownCapability, OmsEndorsementName>> = {
  custodyFiat: 'usd',
  transferFiat: 'usd',
  custodyCrypto: 'cryptoCustody',
  transferCrypto: 'cryptoCustody',
  tradeCrypto: 'cryptoCustody',
  custodyStablecoin: 'cryptoCustody',
  transferStablecoin: 'cryptoCustody',
  tradeStablecoin: 'cryptoCustody',
};

function isEndorsementName(name: string): name is OmsEndorsementName {
  return (OMS_ENDORSEMENTS as readonly string[]).includes(name);
}

/**
 * The endorsements to request for kit capability names (or endorsement names,
 * passed through). `basic` is implied by the others, as OMS documents. A name
 * OMS has no endorsement for is left out: it cannot be requested there.
 */
export function omsEndorsementsFor(capabilities: readonly string[]): OmsEndorsementName[] {
  const wanted = new Set<OmsEndorsementName>();
  for (const name of capabilities) {
    if (isEndorsementName(name)) wanted.add(name);
    else if (Object.hasOwn(OMS_ENDORSEMENT_FOR_CAPABILITY, name)) {
      wanted.add(OMS_ENDORSEMENT_FOR_CAPABILITY[name as KnownCapability]);
    }
  }
  return OMS_ENDORSEMENTS.filter((name) => wanted.has(name));
}

/** The kit capabilities an endorsement grants (`basic` underlies them all). */
function capabilitiesGrantedBy(endorsement: string): KnownCapability[] {
  if (endorsement === 'basic') return [...KNOWN_CAPABILITIES];
  return KNOWN_CAPABILITIES.filter((name) => OMS_ENDORSEMENT_FOR_CAPABILITY[name] === endorsement);
}

/** OMS requirement names (OMS field names) -> kit requirement keys. */
const OMS_REQUIREMENT_KEYS: Readonly<Record<string, readonly string[]>> = {
  birthDate: ['dateOfBirth'],
  phone: ['phoneNumber'],
  nationality: ['citizenship'],
  countryCode: ['citizenship'],
  residentialAddress: [
    'addressLine1',
    'addressCity',
    'addressSubdivision',
    'addressPostalCode',
    'addressCountryCode',
  ],
  'residentialAddress.line1': ['addressLine1'],
  'residentialAddress.city': ['addressCity'],
  'residentialAddress.state': ['addressSubdivision'],
  'residentialAddress.zipCode': ['addressPostalCode'],
  'residentialAddress.country': ['addressCountryCode'],
  // Identity documents (`identifyingInformation[].type`), by the names the
  // engine's field specs use: OMS `ssn` is the kit's full SSN.
  identifyingInformation: ['fullSsn'],
  ssn: ['fullSsn'],
  'identifyingInformation.ssn': ['fullSsn'],
  'identifyingInformation.itin': ['itin'],
  'identifyingInformation.passport': ['passport'],
  'identifyingInformation.driversLicense': ['driversLicense'],
  signedAgreement: ['tos'],
};

/** The kit keys an OMS requirement name stands for; an unmapped name is kept as its own key. */
export function omsRequirementKeys(name: string): readonly string[] {
  return Object.hasOwn(OMS_REQUIREMENT_KEYS, name) ? (OMS_REQUIREMENT_KEYS[name] ?? [name]) : [name];
}

function hasOutstanding(endorsement: OmsEndorsement): boolean {
  const requirements = endorsement.requirements;
  if (requirements === undefined) return false;
  return requirements.missing.length + requirements.issues.length + requirements.pending.length > 0;
}

/**
 * Endorsement status -> capability. INACTIVE is ambiguous in OMS (never
 * requested, or requested and waiting for data): the kit reads it as pending
 * when the endorsement still lists requirements, else as unrequested.
 */
export function omsEndorsementToCapability(endorsement: OmsEndorsement): Capability {
  const rawStatus = endorsement.status;
  const status = ((): CapabilityStatus => {
    // OMS documents SCREAMING_CASE; a lower-case status means the same.
    switch (rawStatus.toUpperCase()) {
      case 'ACTIVE':
        return 'active';
      case 'PENDING':
      case 'ISSUES':
        return 'pending';
      case 'REJECTED':
      case 'REVOKED_ISSUES':
      case 'OFFBOARDED':
        return 'inactive';
      case 'INACTIVE':
        return hasOutstanding(endorsement) ? 'pending' : 'unrequested';
      default:
        return 'unknown';
    }
  })();
  return { requested: status !== 'unrequested', status, rawStatus };
}

const UNREQUESTED: Capability = { requested: false, status: 'unrequested', rawStatus: '' };

function addRequirement(
  requirements: Map<string, Requirement>,
  key: string,
  status: RequirementStatus,
  rawStatus: string,
  impact: readonly string[],
): void {
  const existing = requirements.get(key);
  const merged = new Set([...(existing?.impact ?? []), ...impact]);
  const winner =
    existing === undefined || requirementUrgency(status) > requirementUrgency(existing.status)
      ? { status, rawStatus }
      : { status: existing.status, rawStatus: existing.rawStatus };
  const requirement: Requirement = {
    key,
    known: isKnownFieldKey(key),
    ...winner,
    impact: [...merged].sort(),
  };
  if (existing?.tos !== undefined) requirement.tos = existing.tos;
  requirements.set(key, requirement);
}

function toCustomer(parsed: OmsCustomer, tosVersion: TosVersion): Customer {
  // A Map, not an object literal: an endorsement named `__proto__` must stay a plain entry.
  const byName = new Map<string, Capability>();
  for (const name of OMS_ENDORSEMENTS) byName.set(name, { ...UNREQUESTED });
  for (const endorsement of parsed.endorsements) {
    byName.set(endorsement.name, omsEndorsementToCapability(endorsement));
  }
  for (const name of KNOWN_CAPABILITIES) {
    byName.set(name, { ...(byName.get(OMS_ENDORSEMENT_FOR_CAPABILITY[name]) ?? UNREQUESTED) });
  }
  // A customer-level `inactive` blocks every transaction (seed 004): whatever
  // the endorsements say, nothing requested is usable. The endorsement's own
  // status stays in rawStatus.
  if (parsed.status === 'inactive') {
    for (const [name, capability] of byName) {
      if (capability.requested) byName.set(name, { ...capability, status: 'inactive' });
    }
  }
  const capabilities: Record<string, Capability> = Object.fromEntries(byName);

  // Requirement lists hold OMS field names; `rejectionReasons` is compliance
  // detail and is deliberately not read (never shown to an end-user).
  const requirements = new Map<string, Requirement>();
  for (const endorsement of parsed.endorsements) {
    const impact = [endorsement.name, ...capabilitiesGrantedBy(endorsement.name)];
    const lists = endorsement.requirements;
    if (lists === undefined) continue;
    const groups: [readonly string[], RequirementStatus, string][] = [
      [lists.missing, 'due', 'missing'],
      [lists.issues, 'rejected', 'issues'],
      [lists.pending, 'pending', 'pending'],
    ];
    for (const [names, status, rawStatus] of groups) {
      for (const name of names) {
        for (const key of omsRequirementKeys(name))
          addRequirement(requirements, key, status, rawStatus, impact);
      }
    }
  }
  // Terms are asked for only on behalf of endorsements that can still be
  // granted: accepting them cannot help a rejected or offboarded one.
  const open = (name: string): boolean => {
    const capability = Object.hasOwn(capabilities, name) ? capabilities[name] : undefined;
    return capability !== undefined && capability.requested && capability.status !== 'inactive';
  };
  const closed = (name: string): boolean =>
    Object.hasOwn(capabilities, name) && capabilities[name]?.status === 'inactive';
  const tosListed = requirements.get('tos');
  if (tosListed !== undefined) {
    const impact = tosListed.impact.filter((name) => !closed(name));
    if (!impact.some(open)) requirements.delete('tos');
    else tosListed.impact = impact;
  }
  const anyRequested = Object.values(capabilities).some((capability) => capability.requested);
  if (parsed.signedAgreement === false) {
    const requested = Object.keys(capabilities).filter(open);
    // With nothing requested yet the terms still apply to whatever will be.
    if (requested.length > 0 || !anyRequested)
      addRequirement(requirements, 'tos', 'due', 'missing', requested);
  }
  const tos = requirements.get('tos');
  if (tos !== undefined) tos.tos = { versions: [{ ...tosVersion, languages: [...tosVersion.languages] }] };

  const customer: Customer = {
    id: parsed.id,
    provider: 'oms',
    capabilities,
    requirements: Object.fromEntries(requirements),
    tosAcceptances:
      parsed.signedAgreement === true
        ? [
            {
              versionId: tosVersion.versionId,
              language: tosVersion.languages[0] ?? 'en',
              acceptedAt: parsed.signedAgreementAt ?? parsed.updatedAt ?? parsed.createdAt ?? '',
            },
          ]
        : [],
    profile: {},
  };
  if (typeof parsed.firstName === 'string') customer.profile.firstName = parsed.firstName;
  if (typeof parsed.lastName === 'string') customer.profile.lastName = parsed.lastName;
  if (typeof parsed.email === 'string') customer.profile.email = parsed.email;
  if (parsed.createdAt !== undefined) customer.createdAt = parsed.createdAt;
  if (parsed.updatedAt !== undefined) customer.updatedAt = parsed.updatedAt;
  return customer;
}

const eventEnvelope = z.looseObject({
  id: z.string().optional(),
  type: z.string().min(1),
  createdAt: z.string().optional(),
  data: z.looseObject({ customerId: z.string().optional() }).optional(),
});

/**
 * Normalizes an OMS webhook body: `customer.endorsement.*` events become
 * capability changes; any other event type is kept as `unknown`.
 */
export function parseOmsWebhookEvent(raw: unknown): CustomerEvent {
  const envelope = parseProviderPayload(eventEnvelope, raw, 'oms webhook event');
  if (!envelope.type.startsWith('customer.endorsement.')) {
    const unknown: CustomerEvent = { type: 'unknown', provider: 'oms', eventType: envelope.type };
    if (envelope.id !== undefined) unknown.eventId = envelope.id;
    if (envelope.data?.customerId !== undefined) unknown.customerId = envelope.data.customerId;
    if (envelope.createdAt !== undefined) unknown.occurredAt = envelope.createdAt;
    return unknown;
  }
  const event = parseProviderPayload(oms.endorsementEvent, raw, 'oms webhook event');
  const capability = omsEndorsementToCapability(event.data.endorsement);
  const names = [event.data.endorsement.name, ...capabilitiesGrantedBy(event.data.endorsement.name)];
  // `basic` alone does not decide the kit capabilities: only its own entry changes.
  const changed = event.data.endorsement.name === 'basic' ? ['basic'] : names;
  const result: CustomerEvent = {
    type: 'capability_changed',
    provider: 'oms',
    eventType: event.type,
    customerId: event.data.customerId,
    changes: changed.map((name) => ({
      capability: name,
      status: capability.status,
      rawStatus: capability.rawStatus,
    })),
  };
  if (event.id !== undefined) result.eventId = event.id;
  if (event.createdAt !== undefined) result.occurredAt = event.createdAt;
  return result;
}

/** Options of {@link createOmsAdapter}. */
export interface OmsAdapterOptions {
  /** The ToS version to attach to the `tos` requirement; defaults to {@link OMS_TOS_VERSION}. */
  tosVersion?: TosVersion;
}

/** Creates an OMS adapter, e.g. with the partner's own ToS document URL. */
export function createOmsAdapter(options: OmsAdapterOptions = {}): ProviderAdapter {
  const tosVersion = options.tosVersion ?? OMS_TOS_VERSION;
  return {
    name: 'oms',
    parseCustomer(raw, parseOptions = {}) {
      if (parseOptions.strict === true) {
        return toCustomer(
          parseProviderPayload(oms.strict.customer, raw, 'oms customer') as OmsCustomer,
          tosVersion,
        );
      }
      return toCustomer(parseProviderPayload(oms.customer, raw, 'oms customer'), tosVersion);
    },
    parseWebhookEvent: parseOmsWebhookEvent,
    parseError: parseOmsError,
  };
}

/**
 * The Polygon OMS adapter: endorsements become capabilities under their own
 * names and under the eight kit names; endorsement requirement lists become
 * requirements (missing -> due, issues -> rejected, pending -> pending);
 * `signedAgreement: false` becomes a `tos` requirement.
 */
export const omsAdapter: ProviderAdapter = createOmsAdapter();
