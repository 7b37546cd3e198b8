import { fieldSpecFor } from '@kyc-kit/core';
import type { DraftStore, FlowPlanRecord } from '@kyc-kit/core';

/** Prefix of every draft entry in sessionStorage. */
const DRAFT_PREFIX = 'kyc-kit:draft:';

/**
 * Whether a field's value may be written to browser storage: its spec says
 * (never for SSN, date of birth, address or an unknown key). A guard at the
 * storage itself, whatever the engine asks to write or a tampered entry holds.
 */
function isDraftableField(key: string): boolean {
  return fieldSpecFor(key).draftable;
}

/** sessionStorage, or `null` on the server, in a sandboxed frame, or when the browser refuses storage. */
function sessionStorageOrNull(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

function draftKey(scope: string): string {
  return `${DRAFT_PREFIX}${scope}`;
}

/** Reads the draft saved under `scope`, keeping only draftable fields (a tampered entry cannot inject others). */
function readDraft(scope: string): Record<string, unknown> {
  const storage = sessionStorageOrNull();
  if (storage === null) return {};
  try {
    const parsed: unknown = JSON.parse(storage.getItem(draftKey(scope)) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([key]) => isDraftableField(key)));
  } catch {
    return {};
  }
}

/** Saves the draftable fields of `values` under `scope`; empty values are left out. */
function writeDraft(scope: string, values: Record<string, unknown>): void {
  const storage = sessionStorageOrNull();
  if (storage === null) return;
  const draft = Object.fromEntries(
    Object.entries(values).filter(([key, value]) => isDraftableField(key) && !isEmptyValue(value)),
  );
  try {
    if (Object.keys(draft).length === 0) storage.removeItem(draftKey(scope));
    else storage.setItem(draftKey(scope), JSON.stringify(draft));
  } catch {
    // Storage full or refused: a draft is a convenience, never worth failing the form over.
  }
}

/** Removes the draft saved under `scope`. */
function clearDraft(scope: string): void {
  try {
    sessionStorageOrNull()?.removeItem(draftKey(scope));
  } catch {
    // Refused storage has nothing to clear.
  }
}

/** Reads the flow's kept plan (step ids only); the engine checks its shape and owner. */
function readPlan(scope: string): unknown {
  try {
    return JSON.parse(sessionStorageOrNull()?.getItem(draftKey(scope)) ?? 'null');
  } catch {
    return undefined;
  }
}

/** Keeps the flow's plan: step ids and whether the review was confirmed, never a value. */
function writePlan(scope: string, plan: FlowPlanRecord): void {
  try {
    sessionStorageOrNull()?.setItem(draftKey(scope), JSON.stringify(plan));
  } catch {
    // Refused storage: the count restarts on a reload, nothing worse.
  }
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
  const storage = sessionStorageOrNull();
  if (storage === null) return;
  try {
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
    for (const key of keys) if (key?.startsWith(DRAFT_PREFIX)) storage.removeItem(key);
  } catch {
    // Refused storage has nothing to clear.
  }
}

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value === 'object') return Object.values(value).every(isEmptyValue);
  return false;
}

/**
 * The form's draft in sessionStorage, per customer (`kyc-kit:draft:<scope>`),
 * so a reload mid-step keeps what was typed in non-sensitive fields, and the
 * flow's step plan (`kyc-kit:draft:plan:<user>`), so it keeps its count.
 * Every method is a no-op where there is no storage (the server, a sandboxed
 * frame); `clearDrafts()` removes both.
 */
export const draftStorage: Required<DraftStore> & { isDraftable: (key: string) => boolean } = {
  isDraftable: isDraftableField,
  read: readDraft,
  write: writeDraft,
  clear: clearDraft,
  readPlan,
  writePlan,
};
