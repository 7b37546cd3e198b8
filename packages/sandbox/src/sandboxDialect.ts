/**
 * Which published shape the sandbox's Coinbase API answers in. The providers'
 * guides and their published OpenAPI file differ (see the package README):
 *
 * - `spec` (the default): `requirements.tos.tosVersions[]`, the
 *   `customers.capability.changed` webhook, `PUT` update, contact fields in
 *   `individual.email` / `individual.phoneNumber`;
 * - `guides`: `requirements.tos.url` only, the `customer.capability.status_changed`
 *   webhook `{ customerId, capability, previousStatus, status, requirements }`,
 *   `POST` update, contact fields at the top (`email`, `phone`).
 *
 * Each dialect refuses the other's update method and contact placement, so a
 * client set up for the wrong one fails in the sandbox, not in production.
 */
export type SandboxDialect = 'spec' | 'guides';

/** Every dialect, for option parsing. */
export const SANDBOX_DIALECTS: readonly SandboxDialect[] = ['spec', 'guides'];

/** Whether `value` names a dialect. */
export function isSandboxDialect(value: unknown): value is SandboxDialect {
  return value === 'spec' || value === 'guides';
}

/**
 * How the OMS API writes its endorsements, for trying a client against each
 * documented shape: `objects` (seed 004: `{ name, status, requirements }`),
 * `typed` (`type` in place of `name`), `names` (bare names, as OMS's create
 * example lists them: `["basic", "usd"]`, no status); and issues as field
 * names (`names`) or as objects (`objects`: `{ field, message }`).
 */
export interface OmsShapes {
  endorsements: 'objects' | 'typed' | 'names';
  issues: 'names' | 'objects';
}

/** Seed 004's shapes. */
export const DEFAULT_OMS_SHAPES: OmsShapes = { endorsements: 'objects', issues: 'names' };
