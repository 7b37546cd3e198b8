import type { Customer } from '@kyc-kit/core';

/**
 * The fixture customer with only `keys` left in its requirements, so a story
 * or test shows one field's step. The entries themselves stay as the sandbox
 * returned them.
 */
export function onlyRequirements(customer: Customer, keys: string[]): Customer {
  const requirements = Object.fromEntries(
    Object.entries(customer.requirements).filter(([key]) => keys.includes(key)),
  );
  return { ...customer, requirements };
}
