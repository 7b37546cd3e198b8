import { omsEndorsementsFor } from './adapters/omsAdapter';
import type { DateOfBirthValue, TaxAttestationValue, TosAcceptanceValue } from './fields/fieldReaders';
import { fieldSpecFor } from './fields/fieldSpecFor';
import { validateFields, type FieldError } from './fields/validateFields';
import type { ProviderName } from './model';
import { buildTosPatch } from './buildTosAcceptance';

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
  node[last] = value;
}

function writeField(
  adapter: ProviderName,
  key: string,
  value: unknown,
  body: Record<string, unknown>,
  now: Date,
): void {
  const path = fieldSpecFor(key).paths[adapter];
  if (path === null) throw new UnsupportedFieldError(adapter, key);
  if (key === 'tos') {
    Object.assign(body, buildTosPatch(adapter, value as TosAcceptanceValue));
    return;
  }
  if (adapter === 'coinbase' && key === 'taxAttestation') {
    const attestation = value as TaxAttestationValue;
    setPath(body, path, [
      {
        form: 'us_w9',
        edeliveryConsent: attestation.edeliveryConsent,
        acceptedAt: now.toISOString(),
        isExemptBackupWithholding: attestation.isExemptBackupWithholding,
      },
    ]);
    return;
  }
  if (adapter === 'oms' && key === 'dateOfBirth') {
    const { year, month, day } = value as DateOfBirthValue;
    setPath(body, path, `${year}-${month}-${day}`);
    return;
  }
  if (adapter === 'oms' && key === 'fullSsn') {
    setPath(body, path, [{ type: 'ssn', issuingCountry: 'US', number: value }]);
    return;
  }
  setPath(body, path, value);
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
  const validated = validateFields(values);
  if (!validated.ok) throw new InvalidFieldsError(validated.errors);
  const body: Record<string, unknown> = {};
  const now = options.now ?? new Date();
  for (const [key, value] of Object.entries(validated.values)) writeField(adapter, key, value, body, now);
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
