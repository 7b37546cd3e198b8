import type { CustomerState, RequirementOverride } from './customerState';
import { COINBASE_CAPABILITIES, coinbaseRequirementKeysFor } from './requirementRules';
import { tosDocumentUrl } from './termsOfService';
import type { PublishedTosVersion } from './termsOfService';
import type { SandboxDialect } from './sandboxDialect';

/** A Coinbase capability status. */
export type CoinbaseCapabilityStatus = 'unrequested' | 'pending' | 'active' | 'inactive';

/** A Coinbase requirement status (the spec's three plus the guides' two). */
export type CoinbaseRequirementStatus = 'eventually_due' | 'due' | 'pending' | 'rejected' | 'overdue';

/** One entry of the Coinbase `requirements` map. */
export interface CoinbaseRequirement {
  status: CoinbaseRequirementStatus;
  deadline?: string;
  impact?: string[];
  tosVersions?: { versionId: string; languages: string[]; url: string }[];
  /** The guides' shape: the current version's link, beside the spec's `tosVersions`. */
  url?: string;
  taxForms?: string[];
}

/** A Coinbase Customer as the spec returns it on read. */
export interface CoinbaseCustomer {
  customerId: string;
  type: 'individual';
  individual: { firstName?: string; lastName?: string; email?: string };
  /** The guides' placement of the email (guides dialect). */
  email?: string;
  capabilities: Record<string, { requested: boolean; status: CoinbaseCapabilityStatus }>;
  requirements: Record<string, CoinbaseRequirement>;
  tosAcceptances: { versionId: string; language: string; acceptedAt: string }[];
  projectIds?: string[];
  createdAt: string;
  updatedAt: string;
}

/** What the view needs besides the record. */
export interface CoinbaseViewContext {
  tosVersions: PublishedTosVersion[];
  publicUrl: string;
  now: Date;
  /** Which shapes to answer in. @default 'spec' */
  dialect?: SandboxDialect;
}

interface EvaluatedRequirement {
  requirement: CoinbaseRequirement;
  /** Whether it keeps the capabilities it impacts from being active. */
  blocks: boolean;
}

function isPast(deadline: string | undefined, now: Date): boolean {
  return deadline !== undefined && Date.parse(deadline) <= now.getTime();
}

function fromOverride(override: RequirementOverride, now: Date): EvaluatedRequirement {
  const deadline = override.deadline;
  let status: CoinbaseRequirementStatus;
  switch (override.status) {
    case 'eventually_due':
    case 'pending':
    case 'rejected':
    case 'overdue':
      status = override.status;
      break;
    case 'due':
    case 'missing':
      status = isPast(deadline, now) ? 'overdue' : 'due';
      break;
    case 'issues':
      status = 'rejected';
      break;
    case 'complete':
      return { requirement: { status: 'pending' }, blocks: false };
    default:
      override.status satisfies never;
      status = 'due';
  }
  // A due requirement with a deadline still ahead is a grace period, not a block.
  const blocks = status !== 'eventually_due' && !(status === 'due' && deadline !== undefined);
  return { requirement: { status, ...(deadline === undefined ? {} : { deadline }) }, blocks };
}

function evaluateTos(state: CustomerState, context: CoinbaseViewContext): EvaluatedRequirement | undefined {
  const current = context.tosVersions.at(-1);
  if (current === undefined) return undefined;
  if (state.tosAcceptances.some((acceptance) => acceptance.versionId === current.versionId)) return undefined;
  const url = tosDocumentUrl(context.publicUrl, current.versionId);
  const acceptedEarlier = state.tosAcceptances.length > 0;
  const deadline = current.deadline;
  const overdue = isPast(deadline, context.now);
  const requirement: CoinbaseRequirement = {
    status: overdue ? 'overdue' : 'due',
    ...(deadline === undefined ? {} : { deadline }),
    // Each dialect its own shape: the guides' bare `url`, the spec's `tosVersions`.
    ...(context.dialect === 'guides'
      ? { url }
      : { tosVersions: [{ versionId: current.versionId, languages: current.languages, url }] }),
  };
  // A customer who accepted an earlier version keeps access until the new version's deadline.
  const blocks = !(acceptedEarlier && deadline !== undefined && !overdue);
  return { requirement, blocks };
}

function evaluateKey(
  key: string,
  state: CustomerState,
  context: CoinbaseViewContext,
): EvaluatedRequirement | undefined {
  const override = state.requirementOverrides[key];
  if (override !== undefined) return fromOverride(override, context.now);
  if (key === 'tos') return evaluateTos(state, context);
  if (key === 'taxAttestation') {
    if (state.attestedTaxForms.includes('us_w9')) return undefined;
    return { requirement: { status: 'due', taxForms: ['us_w9'] }, blocks: true };
  }
  const field = state.fields[key];
  if (field === undefined) return { requirement: { status: 'due' }, blocks: true };
  switch (field.verification) {
    case 'verified':
      return undefined;
    case 'pending':
      return { requirement: { status: 'pending' }, blocks: true };
    case 'rejected':
      return { requirement: { status: 'rejected' }, blocks: true };
    default:
      field.verification satisfies never;
      return undefined;
  }
}

/** Works out the requirements map and every capability's status. */
export function evaluateCoinbaseCustomer(
  state: CustomerState,
  context: CoinbaseViewContext,
): Pick<CoinbaseCustomer, 'capabilities' | 'requirements'> {
  const requested = COINBASE_CAPABILITIES.filter((name) => state.requested.includes(name));
  const impactByKey = new Map<string, string[]>();
  for (const capability of requested) {
    for (const key of coinbaseRequirementKeysFor(capability)) {
      impactByKey.set(key, [...(impactByKey.get(key) ?? []), capability]);
    }
  }
  // A forced requirement shows even when no requested capability needs it: it then impacts all of them.
  for (const key of Object.keys(state.requirementOverrides)) {
    if (!impactByKey.has(key)) impactByKey.set(key, [...requested]);
  }
  const requirements: Record<string, CoinbaseRequirement> = {};
  const blocked = new Set<string>();
  for (const [key, impact] of impactByKey) {
    const evaluated = evaluateKey(key, state, context);
    if (evaluated === undefined || state.requirementOverrides[key]?.status === 'complete') continue;
    requirements[key] = { ...evaluated.requirement, ...(impact.length > 0 ? { impact } : {}) };
    if (evaluated.blocks) for (const capability of impact) blocked.add(capability);
  }
  const capabilities: CoinbaseCustomer['capabilities'] = {};
  for (const capability of COINBASE_CAPABILITIES) {
    const isRequested = state.requested.includes(capability);
    const forced = state.forcedStatuses[capability] as CoinbaseCapabilityStatus | undefined;
    let status: CoinbaseCapabilityStatus;
    if (forced !== undefined) status = forced;
    else if (!isRequested) status = 'unrequested';
    else if (state.sanctionApplied) status = 'inactive';
    else status = blocked.has(capability) ? 'pending' : 'active';
    capabilities[capability] = {
      requested: status === 'unrequested' ? false : isRequested || forced !== undefined,
      status,
    };
  }
  return { capabilities, requirements };
}

/**
 * The customer as the Coinbase API returns it: only firstName, lastName and
 * email are echoed, the email inside `individual` (spec) or at the top (guides).
 */
export function coinbaseCustomerView(state: CustomerState, context: CoinbaseViewContext): CoinbaseCustomer {
  const { capabilities, requirements } = evaluateCoinbaseCustomer(state, context);
  const individual: CoinbaseCustomer['individual'] = {};
  if (state.profile.firstName !== undefined) individual.firstName = state.profile.firstName;
  if (state.profile.lastName !== undefined) individual.lastName = state.profile.lastName;
  const guides = context.dialect === 'guides';
  if (state.profile.email !== undefined && !guides) individual.email = state.profile.email;
  return {
    customerId: state.id,
    type: 'individual',
    individual,
    ...(guides && state.profile.email !== undefined ? { email: state.profile.email } : {}),
    capabilities,
    requirements,
    tosAcceptances: state.tosAcceptances.map((acceptance) => ({ ...acceptance })),
    ...(state.projectIds === undefined ? {} : { projectIds: [...state.projectIds] }),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}
