import { isActionable } from './adapters/normalizeStatus';
import type { MessageId } from './messages/messages';
import type { CapabilityStatus, Customer, Requirement } from './model';

/**
 * Why a capability is or is not usable: `active`; `needs_input` (the person
 * can unblock it); `verifying` (submitted, waiting on the provider);
 * `unavailable` (a compliance decision: never explained to the person);
 * `not_requested`.
 */
export type GateReason = 'active' | 'needs_input' | 'verifying' | 'unavailable' | 'not_requested';

/** The answer of {@link gate}. */
export interface Gate {
  allowed: boolean;
  capability: string;
  status: CapabilityStatus;
  reason: GateReason;
  /** The requirements standing in the way (actionable ones for needs_input, pending ones for verifying); empty otherwise. */
  blocking: Requirement[];
  /** The end-user message for the reason. */
  messageId: MessageId;
}

function affects(requirement: Requirement, capability: string): boolean {
  // A requirement without impact (the spec omits it on some statuses) may block anything.
  return requirement.impact.length === 0 || requirement.impact.includes(capability);
}

/** The reason of each settled status; pending and unknown depend on the requirements. */
const SETTLED: Partial<Record<CapabilityStatus, GateReason>> = {
  active: 'active',
  inactive: 'unavailable',
  unrequested: 'not_requested',
};

/**
 * Seed 003's gating pattern as data: whether `capability` may be used now,
 * and if not, why in compliance-safe terms. Check it before every protected
 * operation. An inactive capability gives `unavailable` with no blocking
 * requirements: compliance decisions are never explained.
 */
export function gate(customer: Customer | null, capability: string): Gate {
  const entry =
    customer !== null && Object.hasOwn(customer.capabilities, capability)
      ? customer.capabilities[capability]
      : undefined;
  const status = entry?.status ?? 'unrequested';
  let reason = SETTLED[status];
  let blocking: Requirement[] = [];
  if (reason === undefined) {
    // Pending, or an unknown status, which is never treated as usable: the gate stays closed.
    const requirements = Object.values(customer?.requirements ?? {}).filter((requirement) =>
      affects(requirement, capability),
    );
    const actionable = requirements.filter((requirement) => isActionable(requirement.status));
    reason = actionable.length > 0 ? 'needs_input' : 'verifying';
    blocking =
      actionable.length > 0
        ? actionable
        : requirements.filter((requirement) => requirement.status !== 'eventually_due');
  }
  return {
    allowed: reason === 'active',
    capability,
    status,
    reason,
    blocking,
    messageId: `gate.reason.${reason}`,
  };
}
