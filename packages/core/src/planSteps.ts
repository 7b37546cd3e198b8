import { isActionable } from './adapters/normalizeStatus';
import {
  FIELD_KEYS,
  FIELD_SECTIONS,
  fieldSpecFor,
  type FieldSection,
  type FieldSpec,
  type PartnerFieldSpecs,
} from './fields/fieldSpecFor';
import type { MessageId } from './messages/messages';
import { OMS_TOS_VERSION } from './omsTosVersion';
import {
  KNOWN_CAPABILITIES,
  type Customer,
  type ProviderName,
  type Requirement,
  type RequirementStatus,
  type TosVersion,
} from './model';
import { requiredFieldsFor } from './requiredFieldsFor';

/** One field to collect (or being verified), with why. */
export interface PlannedField {
  key: string;
  spec: FieldSpec;
  /** The requirement status; `not_submitted` before the customer exists. */
  status: RequirementStatus | 'not_submitted';
  /** The value sent failed verification: ask the person to check it and enter it again. */
  rejected: boolean;
  /** ISO 8601 deadline, as the provider gave it. */
  deadline?: string;
}

/** One step of the onboarding form: the fields of one section. */
export interface Step {
  id: FieldSection;
  titleId: MessageId;
  fields: PlannedField[];
  /** On the terms step: the ToS versions to show and accept (absent before the customer exists on Coinbase). */
  tos?: { versions: TosVersion[] };
}

/** What to ask now, and what is being verified. */
export interface StepPlan {
  /** Non-empty steps, in order: personal, address, taxId, financial, contact, terms. */
  steps: Step[];
  /** Submitted fields awaiting verification (pending; or a status the kit does not know). */
  waiting: PlannedField[];
  /**
   * Requirements to act on that no field spec describes: the kit cannot
   * collect them, so the person is asked to contact support instead.
   */
  unsupported: PlannedField[];
  /** Nothing to ask, nothing waiting and nothing unsupported for the named capabilities. */
  complete: boolean;
}

/** Options of {@link planSteps}. */
export interface PlanStepsOptions {
  /** The capabilities to unlock; empty means every requirement of the customer. */
  capabilities: readonly string[];
  /**
   * `due` (default) asks for what is needed now (due, rejected, overdue);
   * `eventually_due` also collects what will be needed later, as Stripe's
   * collectionOptions do, so the person is asked once.
   */
  include?: 'due' | 'eventually_due';
  /** The provider, for the field table before a customer exists; default `coinbase`. */
  provider?: ProviderName;
  /** The partner's own field specs (see {@link PartnerFieldSpecs}). */
  fieldSpecs?: PartnerFieldSpecs;
}

const KEY_ORDER: readonly string[] = FIELD_KEYS;

function fieldOrder(key: string): number {
  const index = KEY_ORDER.indexOf(key);
  return index === -1 ? FIELD_KEYS.length : index;
}

function compareFields(left: PlannedField, right: PlannedField): number {
  const byOrder = fieldOrder(left.key) - fieldOrder(right.key);
  if (byOrder !== 0) return byOrder;
  return left.key < right.key ? -1 : left.key > right.key ? 1 : 0;
}

function planned(
  key: string,
  status: PlannedField['status'],
  specs: PartnerFieldSpecs | undefined,
  requirement?: Requirement,
): PlannedField {
  const field: PlannedField = {
    key,
    spec: fieldSpecFor(key, specs),
    status,
    rejected: status === 'rejected',
  };
  if (requirement?.deadline !== undefined) field.deadline = requirement.deadline;
  return field;
}

function groupIntoSteps(fields: PlannedField[], tosVersions: TosVersion[] | undefined): Step[] {
  const steps: Step[] = [];
  for (const section of FIELD_SECTIONS) {
    const inSection = fields.filter((field) => field.spec.section === section).sort(compareFields);
    if (inSection.length === 0) continue;
    const step: Step = { id: section, titleId: `step.${section}.title`, fields: inSection };
    if (section === 'terms' && tosVersions !== undefined) {
      step.tos = {
        versions: tosVersions.map((version) => ({ ...version, languages: [...version.languages] })),
      };
    }
    steps.push(step);
  }
  return steps;
}

function blocksAny(requirement: Requirement, capabilities: readonly string[]): boolean {
  // No capability named: plan for all of them. No impact given (the spec
  // omits it on some statuses): the requirement may block any capability.
  if (capabilities.length === 0 || requirement.impact.length === 0) return true;
  return requirement.impact.some((name) => capabilities.includes(name));
}

/**
 * Plans the onboarding form for the named capabilities: which fields to ask
 * now, grouped into ordered steps, and which are being verified. Seed 002's
 * loop as data: due, rejected and overdue need action; pending waits. After a
 * submit, plan again from the returned customer: only what came back is asked.
 *
 * With no customer yet, the fields come from seed 003's table
 * ({@link requiredFieldsFor}) plus a terms step.
 */
export function planSteps(customer: Customer | null, options: PlanStepsOptions): StepPlan {
  const include = options.include ?? 'due';
  if (customer === null) {
    const provider = options.provider ?? 'coinbase';
    // No capability named: plan for all of them, as with a customer.
    const capabilities = options.capabilities.length === 0 ? KNOWN_CAPABILITIES : options.capabilities;
    const keys = new Set(capabilities.flatMap((capability) => requiredFieldsFor(capability, provider)));
    keys.add('tos');
    const fields = [...keys].map((key) => planned(key, 'not_submitted', options.fieldSpecs));
    // OMS terms have one fixed version; Coinbase names its versions only once the customer exists.
    const versions = provider === 'oms' ? [OMS_TOS_VERSION] : undefined;
    return { steps: groupIntoSteps(fields, versions), waiting: [], unsupported: [], complete: false };
  }

  const collect: PlannedField[] = [];
  const waiting: PlannedField[] = [];
  const unsupported: PlannedField[] = [];
  for (const requirement of Object.values(customer.requirements)) {
    if (!blocksAny(requirement, options.capabilities)) continue;
    const field = planned(requirement.key, requirement.status, options.fieldSpecs, requirement);
    const ask =
      isActionable(requirement.status) ||
      (requirement.status === 'eventually_due' && include === 'eventually_due');
    if (ask) (field.spec.supported ? collect : unsupported).push(field);
    else if (requirement.status === 'eventually_due') {
      // Later: asked once it is due.
    } else {
      // pending, and any status the kit does not know: not the person's to act on.
      waiting.push(field);
    }
  }
  waiting.sort(compareFields);
  unsupported.sort(compareFields);
  const tosVersions = customer.requirements.tos?.tos?.versions;
  const steps = groupIntoSteps(collect, tosVersions);
  return {
    steps,
    waiting,
    unsupported,
    complete: steps.length === 0 && waiting.length === 0 && unsupported.length === 0,
  };
}
