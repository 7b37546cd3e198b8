import { omsEndorsementsFor } from './adapters/omsAdapter';
import { requestMappingFor, type FieldRequestMapping, type PartnerFieldSpecs } from './fields/fieldSpecFor';
import { validateFields, type FieldError } from './fields/validateFields';
import type { ProviderName } from './model';

/** Thrown by {@link buildPatch} when a value does not pass its field schema. */
export class InvalidFieldsError extends Error {
  override readonly name = 'InvalidFieldsError';
  /** One error per invalid key (message ids; never the values). */
  readonly errors: Record<string, FieldError>;

  constructor(errors: Record<string, FieldError>) {
    super(`Invalid fields: ${Object.keys(errors).join(', ')}`);
    this.errors = errors;
  }
}

/** Thrown by {@link buildPatch} for a field the provider has no place for (ssnLast4 on OMS). */
export class UnsupportedFieldError extends Error {
  override readonly name = 'UnsupportedFieldError';
  readonly key: string;
  readonly provider: ProviderName;

  constructor(provider: ProviderName, key: string) {
    super(`The ${provider} API has no field for the requirement ${JSON.stringify(key.slice(0, 64))}`);
    this.key = key;
    this.provider = provider;
  }
}

/** Options of {@link buildPatch} and {@link buildCreateRequest}. */
export interface BuildRequestOptions {
  /** The end-user's IP (Coinbase `compliance.requesterIpAddress`, OMS `ipAddress`); never the server's. */
  requesterIpAddress?: string;
  /** The time stamped on a tax attestation; default now. */
  now?: Date;
  /** The partner's own field specs (see {@link PartnerFieldSpecs}). */
  fieldSpecs?: PartnerFieldSpecs;
}

/**
 * Values `checkSubmittedFields` returned, with the partner field specs they
 * were checked with: every key passed its field schema and the values are
 * the schemas' strict output. The record is frozen when it is marked, so no
 * key can be added or replaced since. {@link buildPatch} writes such values
 * as they are, without running each schema a second time (a phone number's
 * full parse, a date's); any other record is validated first.
 */
const checkedValues = new WeakMap<object, PartnerFieldSpecs | undefined>();

/**
 * Marks (and freezes) values that passed their field schemas with
 * `fieldSpecs` (see {@link checkedValues}). Internal to core: not exported
 * from the package.
 */
export function markCheckedValues(
  values: Record<string, unknown>,
  fieldSpecs: PartnerFieldSpecs | undefined,
): Record<string, unknown> {
  checkedValues.set(Object.freeze(values), fieldSpecs);
  return values;
}

function validatedValues(
  values: Record<string, unknown>,
  fieldSpecs: PartnerFieldSpecs | undefined,
): Record<string, unknown> {
  if (checkedValues.has(values) && checkedValues.get(values) === fieldSpecs) return values;
  const validated = validateFields(values, undefined, fieldSpecs);
  if (!validated.ok) throw new InvalidFieldsError(validated.errors);
  return validated.values;
}

function setPath(body: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  const last = segments.pop() ?? path;
  let node = body;
  for (const segment of segments) {
    const next = node[segment];
    if (typeof next === 'object' && next !== null && !Array.isArray(next))
      node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    }
  }
  // Identity documents share one array (OMS `identifyingInformation[]`): an array joins the one already there.
  const existing = node[last];
  node[last] = Array.isArray(existing) && Array.isArray(value) ? [...existing, ...value] : value;
}

function writeField(
  adapter: ProviderName,
  key: string,
  mapping: FieldRequestMapping,
  value: unknown,
  body: Record<string, unknown>,
  now: Date,
): void {
  const path = mapping.paths[adapter];
  if (path === null) throw new UnsupportedFieldError(adapter, key);
  const encode = mapping.encode?.[adapter];
  const encoded = encode === undefined ? value : encode(value, { now });
  setPath(body, path, encoded);
}

/**
 * The provider request body for exactly the given fields, nested per the
 * adapter's paths and written strictly (an SSN as ###-##-####, a phone in
 * E.164, a date of birth as `{ day, month, year }` or `YYYY-MM-DD`).
 *
 * @throws InvalidFieldsError when a value fails its field schema.
 * @throws UnsupportedFieldError when the provider has no such field.
 */
export function buildPatch(
  adapter: ProviderName,
  values: Record<string, unknown>,
  options: BuildRequestOptions = {},
): Record<string, unknown> {
  const validated = validatedValues(values, options.fieldSpecs);
  const body: Record<string, unknown> = {};
  const now = options.now ?? new Date();
  for (const [key, value] of Object.entries(validated)) {
    writeField(adapter, key, requestMappingFor(key, options.fieldSpecs), value, body, now);
  }
  if (options.requesterIpAddress !== undefined) {
    if (adapter === 'coinbase') body.compliance = { requesterIpAddress: options.requesterIpAddress };
    else body.ipAddress = options.requesterIpAddress;
  }
  return body;
}

/**
 * The request body asking for capabilities: Coinbase
 * `{ capabilities: { name: { requested: true } } }`, OMS `{ endorsements }`.
 */
export function buildCapabilitiesRequest(
  adapter: ProviderName,
  capabilities: readonly string[],
): Record<string, unknown> {
  switch (adapter) {
    case 'coinbase':
      return { capabilities: Object.fromEntries(capabilities.map((name) => [name, { requested: true }])) };
    case 'oms': {
      const endorsements = omsEndorsementsFor(capabilities);
      return endorsements.length === 0 ? {} : { endorsements };
    }
    default:
      return adapter satisfies never;
  }
}

/**
 * The create-customer request body: `type: 'individual'`, the requested
 * capabilities (OMS: endorsements) and the given fields, as {@link buildPatch}.
 */
export function buildCreateRequest(
  adapter: ProviderName,
  input: { capabilities: readonly string[]; values: Record<string, unknown> },
  options: BuildRequestOptions = {},
): Record<string, unknown> {
  return {
    type: 'individual',
    ...buildCapabilitiesRequest(adapter, input.capabilities),
    ...buildPatch(adapter, input.values, options),
  };
}
