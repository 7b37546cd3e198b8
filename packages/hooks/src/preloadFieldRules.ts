import type { FieldSpec } from '@kyc-kit/core';

/**
 * Starts loading, right after the first paint (a timer from an effect), what the plan's field
 * schemas leave out of the bundle (a spec's `loadRules`: the phone number rules), so a check
 * never waits on them visibly; the resolver still awaits them. Nothing to cancel: a load that
 * starts after the form is gone only fills a cache.
 */
export function preloadFieldRules(steps: readonly { fields: readonly { spec: FieldSpec }[] }[]): void {
  setTimeout(
    () => void Promise.allSettled(steps.flatMap((step) => step.fields.map(({ spec }) => spec.loadRules?.()))),
  );
}
