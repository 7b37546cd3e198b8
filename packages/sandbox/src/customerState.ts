/** Which simulated provider a customer record belongs to. */
export type SandboxProvider = 'coinbase' | 'oms';

/** Where a submitted field is in verification: pending until the verifier runs. */
export type FieldVerification = 'pending' | 'verified' | 'rejected';

/**
 * One submitted field. The value itself is never stored: the verdict a magic value
 * calls for is decided when the field arrives, so no SSN, date of birth or address
 * ever reaches the database.
 */
export interface SubmittedField {
  verification: FieldVerification;
  /** What verification will decide when it runs. */
  outcome: 'pass' | 'fail';
  submittedAt: string;
}

/** Requirement statuses a control call may force, in the provider's own vocabulary. */
export type ForcedRequirementStatus =
  'eventually_due' | 'due' | 'pending' | 'rejected' | 'overdue' | 'complete' | 'missing' | 'issues';

/** A requirement status forced through `/sandbox/customers/:id/requirements/:key`. */
export interface RequirementOverride {
  status: ForcedRequirementStatus;
  deadline?: string;
}

/** A recorded Terms of Service acceptance (Coinbase `tosAcceptances[]`). */
export interface RecordedTosAcceptance {
  versionId: string;
  language: string;
  acceptedAt: string;
}

/** Fields a read may return: names and contact data, never PII. */
export interface EchoedProfile {
  firstName?: string;
  middleName?: string | null;
  lastName?: string;
  email?: string;
  /** OMS echoes phone, country code and external id; Coinbase never does. */
  phone?: string;
  countryCode?: string;
  externalId?: string;
}

/** Everything the sandbox knows about one customer, stored as JSON in SQLite. */
export interface CustomerState {
  id: string;
  provider: SandboxProvider;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
  profile: EchoedProfile;
  /** Coinbase capability names or OMS endorsement names the partner asked for. */
  requested: string[];
  /** Coinbase requirement keys (seed 002) or OMS field names, with their verification state. */
  fields: Record<string, SubmittedField>;
  /** True once verification has run on a customer whose last name is the magic "Sanctioned". */
  sanctionApplied: boolean;
  tosAcceptances: RecordedTosAcceptance[];
  /** Tax forms attested (Coinbase `taxAttestations[].form`); the answers themselves are not kept. */
  attestedTaxForms: string[];
  /** OMS: when `signedAgreement` became true. */
  signedAgreementAt: string | null;
  /** Coinbase: project ids, echoed back. */
  projectIds?: string[];
  /** OMS: partner metadata, echoed back. */
  metadata?: Record<string, string>;
  /** Capability / endorsement statuses forced through the control API. */
  forcedStatuses: Record<string, string>;
  /** Requirement statuses forced through the control API. */
  requirementOverrides: Record<string, RequirementOverride>;
  /** The statuses last announced by webhook, to send only real changes. */
  announcedStatuses: Record<string, string>;
}

/** Creates an empty customer record. */
export function newCustomerState(input: {
  id: string;
  provider: SandboxProvider;
  now: string;
}): CustomerState {
  return {
    id: input.id,
    provider: input.provider,
    createdAt: input.now,
    updatedAt: input.now,
    deleted: false,
    profile: {},
    requested: [],
    fields: {},
    sanctionApplied: false,
    tosAcceptances: [],
    attestedTaxForms: [],
    signedAgreementAt: null,
    forcedStatuses: {},
    requirementOverrides: {},
    announcedStatuses: {},
  };
}

/** The magic first name that keeps verification pending until it is advanced. */
export const SLOW_FIRST_NAME = 'Slow';
/** The magic last name that makes every requested capability inactive. */
export const SANCTIONED_LAST_NAME = 'Sanctioned';

/** Whether this customer's verification waits for `POST /sandbox/advance`. */
export function isSlow(state: CustomerState): boolean {
  return state.profile.firstName?.trim().toLowerCase() === SLOW_FIRST_NAME.toLowerCase();
}

/** Whether this customer carries the sanctions-screening magic last name. */
export function isSanctioned(state: CustomerState): boolean {
  return state.profile.lastName?.trim().toLowerCase() === SANCTIONED_LAST_NAME.toLowerCase();
}

/** Whether any submitted field still awaits verification. */
export function hasPendingFields(state: CustomerState): boolean {
  return Object.values(state.fields).some((field) => field.verification === 'pending');
}

/** Records a submitted field: it waits as `pending` until verification decides it. */
export function submitField(state: CustomerState, key: string, passes: boolean, now: string): void {
  state.fields[key] = { verification: 'pending', outcome: passes ? 'pass' : 'fail', submittedAt: now };
  // A fresh submission supersedes whatever status a control call forced.
  delete state.requirementOverrides[key];
}

/**
 * Runs verification on every pending field: each one passes or is rejected as its
 * magic value decided. "Slow" customers are skipped unless `force` (an explicit
 * advance). Returns whether anything changed.
 */
export function verifyPendingFields(state: CustomerState, options: { force: boolean }): boolean {
  if (isSlow(state) && !options.force) return false;
  let changed = false;
  for (const field of Object.values(state.fields)) {
    if (field.verification !== 'pending') continue;
    field.verification = field.outcome === 'pass' ? 'verified' : 'rejected';
    changed = true;
  }
  for (const [key, override] of Object.entries(state.requirementOverrides)) {
    // A forced `pending` is resolved by the verifier like a submitted field.
    if (options.force && override.status === 'pending') {
      delete state.requirementOverrides[key];
      changed = true;
    }
  }
  if (changed && isSanctioned(state)) state.sanctionApplied = true;
  return changed;
}
