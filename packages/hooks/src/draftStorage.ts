import { fieldSpecFor } from '@kyc-kit/core';
import type { DraftStore, FlowPlanRecord, PartnerFieldSpecs } from '@kyc-kit/core';

/** Prefix of every draft entry in sessionStorage. */
const DRAFT_PREFIX = 'kyc-kit:draft:';

/**
 * Runs `act` on sessionStorage; `undefined` on the server, in a sandboxed
 * frame, or when the browser refuses storage (disabled, full): a draft is a
 * convenience, never worth failing the form over.
 */
function withStorage<Result>(act: (storage: Storage) => Result): Result | undefined {
  try {
    return typeof window === 'undefined' ? undefined : act(window.sessionStorage);
  } catch {
    return undefined;
  }
}

/** Keeps `value` as JSON under `scope`. */
const writeEntry = (scope: string, value: unknown): void =>
  withStorage((storage) => storage.setItem(DRAFT_PREFIX + scope, JSON.stringify(value)));

/** Removes the entry under `scope`. */
const removeEntry = (scope: string): void =>
  withStorage((storage) => storage.removeItem(DRAFT_PREFIX + scope));

/** The entry under `scope` as JSON: `null` when there is none, `undefined` when it cannot be read. */
const readEntry = (scope: string): unknown =>
  withStorage((storage) => JSON.parse(storage.getItem(DRAFT_PREFIX + scope) ?? 'null') as unknown);

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value === 'object') return Object.values(value).every(isEmptyValue);
  return false;
}

/**
 * Removes every draft the kit keeps in this tab, of every user and customer.
 * Call it on sign-out, so the next person on the same browser starts empty.
 * A no-op where there is no storage.
 *
 * @example
 * async function signOut() { clearDrafts(); await fetch('/logout', { method: 'POST' }); }
 */
export function clearDrafts(): void {
  withStorage((storage) => {
    // A copy of the keys (Object.keys), so removing entries does not shift the ones still to visit.
    for (const key of Object.keys(storage)) if (key.startsWith(DRAFT_PREFIX)) storage.removeItem(key);
  });
}

/**
 * The form's draft in sessionStorage, per customer (`kyc-kit:draft:<scope>`),
 * so a reload mid-step keeps what was typed in non-sensitive fields, and the
 * flow's step plan (`kyc-kit:draft:plan:<user>`), so it keeps its count
 * (with no steps once the flow is over: a reload then waits for the read).
 * Only the fields whose spec (the partner's in `fieldSpecs`, else the kit's)
 * says they may be kept are written or read back: never SSN, date of birth,
 * address or an unknown key. A guard at the storage itself, whatever the
 * engine asks to write or a tampered entry holds. Every method is a no-op
 * where there is no storage (the server, a sandboxed frame); `clearDrafts()`
 * removes both.
 */
export function draftStorageFor(fieldSpecs?: PartnerFieldSpecs): Required<DraftStore> {
  const draftable = (entries: [string, unknown][]) =>
    entries.filter(([key]) => fieldSpecFor(key, fieldSpecs).draftable);
  return {
    /** The draft under `scope`, only its draftable fields (a tampered entry cannot inject others). */
    read(scope) {
      const entry = readEntry(scope);
      return typeof entry === 'object' && entry !== null && !Array.isArray(entry)
        ? Object.fromEntries(draftable(Object.entries(entry)))
        : {};
    },
    /** Saves the draftable fields of `values` under `scope`; empty values are left out. */
    write(scope, values) {
      const draft = draftable(Object.entries(values)).filter(([, value]) => !isEmptyValue(value));
      if (draft.length === 0) removeEntry(scope);
      else writeEntry(scope, Object.fromEntries(draft));
    },
    clear: removeEntry,
    /** The flow's kept plan (step ids only); the engine checks its shape and owner. */
    readPlan: readEntry,
    /** Keeps the flow's plan: step ids and whether the review was confirmed, never a value. */
    writePlan: (scope, plan: FlowPlanRecord) => writeEntry(scope, plan),
  };
}

/** The draft store of a form with no partner specs: the kit's own keys only. */
export const draftStorage = draftStorageFor();
