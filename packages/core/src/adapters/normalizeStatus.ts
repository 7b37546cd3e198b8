import type { CapabilityStatus, RequirementStatus } from '../model';

const capabilityStatuses = new Set<string>(['unrequested', 'pending', 'active', 'inactive']);
const requirementStatuses = new Set<string>(['eventually_due', 'due', 'pending', 'rejected', 'overdue']);

/** Maps a provider capability status onto the kit's; anything new becomes `unknown`. */
export function normalizeCapabilityStatus(raw: string): CapabilityStatus {
  return capabilityStatuses.has(raw) ? (raw as CapabilityStatus) : 'unknown';
}

/** Maps a provider requirement status onto the kit's; anything new becomes `unknown`. */
export function normalizeRequirementStatus(raw: string): RequirementStatus {
  return requirementStatuses.has(raw) ? (raw as RequirementStatus) : 'unknown';
}

/**
 * How urgent a requirement status is, for merging one key reported several
 * times (OMS lists requirements per endorsement): the most urgent wins.
 */
export function requirementUrgency(status: RequirementStatus): number {
  switch (status) {
    case 'rejected':
      return 5;
    case 'overdue':
      return 4;
    case 'due':
      return 3;
    case 'unknown':
      return 2;
    case 'pending':
      return 1;
    case 'eventually_due':
      return 0;
    default:
      return status satisfies never;
  }
}

/** Statuses that need the customer to act (seed 002): due, rejected, overdue. */
export function isActionable(status: RequirementStatus): boolean {
  return status === 'due' || status === 'rejected' || status === 'overdue';
}
