// Module resolution hook: adds the "source" export condition, so workspace
// packages (@kyc-kit/core) resolve to their TypeScript sources without a build.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('source')
    ? context.conditions
    : [...context.conditions, 'source'];
  return nextResolve(specifier, { ...context, conditions });
}
