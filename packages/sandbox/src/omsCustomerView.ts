import type { CustomerState, RequirementOverride } from './customerState';
import { OMS_ENDORSEMENTS, omsRequirementNamesFor } from './requirementRules';
import type { OmsShapes } from './sandboxDialect';

/** An OMS endorsement status (seed 004). */
export type OmsEndorsementStatus =
  'INACTIVE' | 'PENDING' | 'ISSUES' | 'ACTIVE' | 'REJECTED' | 'REVOKED_ISSUES' | 'OFFBOARDED';

/** Compliance detail for the partner's back office; never for an end-user's screen. */
export interface OmsRejectionReason {
  developerReason: string;
  reason: string;
}

/** One endorsement as OMS returns it. */
export interface OmsEndorsementView {
  name: string;
  status: OmsEndorsementStatus;
  requirements: { complete: string[]; pending: string[]; missing: string[]; issues: string[] };
  rejectionReasons: OmsRejectionReason[];
}

/** An OMS customer as the API returns it: PII (birth date, address, IP, documents) is never echoed. */
export interface OmsCustomerView {
  id: string;
  object: 'customer';
  type: 'individual';
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  countryCode: string | null;
  externalId: string | null;
  status: 'active' | 'inactive';
  signedAgreement: boolean;
  signedAgreementAt: string | null;
  wallets: Record<string, unknown>[];
  endorsements: OmsEndorsementView[];
  metadata: Record<string, string> | null;
  createdAt: string;
  updatedAt: string;
}

type Bucket = 'complete' | 'pending' | 'missing' | 'issues';

function bucketFromOverride(override: RequirementOverride): Bucket {
  switch (override.status) {
    case 'complete':
    case 'pending':
    case 'missing':
    case 'issues':
      return override.status;
    case 'eventually_due':
      return 'complete';
    case 'due':
    case 'overdue':
      return 'missing';
    case 'rejected':
      return 'issues';
    default:
      override.status satisfies never;
      return 'missing';
  }
}

function bucketOf(name: string, state: CustomerState): Bucket {
  const override = state.requirementOverrides[name];
  if (override !== undefined) return bucketFromOverride(override);
  if (name === 'signedAgreement') return state.signedAgreementAt === null ? 'missing' : 'complete';
  const field = state.fields[name];
  if (field === undefined) return 'missing';
  switch (field.verification) {
    case 'verified':
      return 'complete';
    case 'pending':
      return 'pending';
    case 'rejected':
      return 'issues';
    default:
      field.verification satisfies never;
      return 'missing';
  }
}

/** Why each kind of issue happened, phrased for a developer and as an OMS reason code. */
function rejectionReasonFor(name: string): OmsRejectionReason {
  return {
    developerReason: `${name} did not pass verification (sandbox magic value); resubmit it with PATCH /customers/{id}.`,
    reason: `${name}_verification_failed`,
  };
}

/** Works out each requested endorsement: its requirement buckets, status and reasons. */
export function evaluateOmsEndorsements(state: CustomerState): OmsEndorsementView[] {
  return OMS_ENDORSEMENTS.filter((name) => state.requested.includes(name)).map((name) => {
    const requirements: OmsEndorsementView['requirements'] = {
      complete: [],
      pending: [],
      missing: [],
      issues: [],
    };
    for (const field of omsRequirementNamesFor(name)) requirements[bucketOf(field, state)].push(field);
    const forced = state.forcedStatuses[name] as OmsEndorsementStatus | undefined;
    let status: OmsEndorsementStatus;
    let rejectionReasons: OmsRejectionReason[] = [];
    if (forced !== undefined) {
      status = forced;
      if (forced === 'REJECTED' || forced === 'REVOKED_ISSUES' || forced === 'OFFBOARDED') {
        rejectionReasons = [
          {
            developerReason: `Status forced to ${forced} through the sandbox control API.`,
            reason: 'sandbox_forced',
          },
        ];
      }
    } else if (state.sanctionApplied) {
      status = 'REJECTED';
      rejectionReasons = [
        {
          developerReason: 'Sanctions screening match (sandbox magic last name "Sanctioned").',
          reason: 'sanctions_match',
        },
      ];
    } else if (requirements.issues.length > 0) {
      status = 'ISSUES';
      rejectionReasons = requirements.issues.map(rejectionReasonFor);
    } else if (requirements.missing.length > 0) {
      status = 'INACTIVE';
    } else if (requirements.pending.length > 0) {
      status = 'PENDING';
    } else {
      status = 'ACTIVE';
    }
    return { name, status, requirements, rejectionReasons };
  });
}

/** The customer as OMS returns it. */
export function omsCustomerView(state: CustomerState): OmsCustomerView {
  const endorsements = evaluateOmsEndorsements(state);
  const blocked =
    state.sanctionApplied || endorsements.some((endorsement) => endorsement.status === 'OFFBOARDED');
  return {
    id: state.id,
    object: 'customer',
    type: 'individual',
    firstName: state.profile.firstName ?? null,
    middleName: state.profile.middleName ?? null,
    lastName: state.profile.lastName ?? null,
    email: state.profile.email ?? null,
    phone: state.profile.phone ?? null,
    countryCode: state.profile.countryCode ?? null,
    externalId: state.profile.externalId ?? null,
    status: blocked ? 'inactive' : 'active',
    signedAgreement: state.signedAgreementAt !== null,
    signedAgreementAt: state.signedAgreementAt,
    wallets: [],
    endorsements,
    metadata: state.metadata ?? null,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

/**
 * One endorsement in the given {@link OmsShapes}: as seed 004 has it, with
 * `type` in place of `name`, or as a bare name; issues as field names or as
 * `{ field, message }` objects (the message is developer text a client must
 * never show).
 */
export function shapeOmsEndorsement(endorsement: OmsEndorsementView, shapes: OmsShapes): unknown {
  if (shapes.endorsements === 'names') return endorsement.name;
  const requirements =
    shapes.issues === 'objects'
      ? {
          ...endorsement.requirements,
          issues: endorsement.requirements.issues.map((field) => ({
            field,
            message: `${field} could not be verified; resubmit it.`,
          })),
        }
      : endorsement.requirements;
  if (shapes.endorsements === 'typed') {
    const { name, ...rest } = endorsement;
    return { type: name, ...rest, requirements };
  }
  return { ...endorsement, requirements };
}

/** The customer with its endorsements in the given {@link OmsShapes}. */
export function shapeOmsCustomer(view: OmsCustomerView, shapes: OmsShapes): unknown {
  if (shapes.endorsements === 'objects' && shapes.issues === 'names') return view;
  return {
    ...view,
    endorsements: view.endorsements.map((endorsement) => shapeOmsEndorsement(endorsement, shapes)),
  };
}
