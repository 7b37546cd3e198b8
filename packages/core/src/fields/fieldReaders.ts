// zod/mini: these schemas run in the browser, where classic zod would ship whole.
import * as z from 'zod/mini';
import type { MessageId } from '../messages/messages';
import { utcDay } from '../adapters/isIsoDateTime';
import { isCountryCode } from './countryCodes';
import { parsePhone } from './phoneMetadata';
import { US_SUBDIVISIONS, type UsSubdivisionCode } from './usSubdivisions';

/**
 * Readers behind the field schemas: each reads what a person typed leniently
 * ("5" or "05", an SSN with or without dashes) and returns the strict form
 * the providers want, or the id of a message that says what to do.
 */
export type ReadResult<Output> =
  { ok: true; value: Output } | { ok: false; issues: { messageId: MessageId; path?: (string | number)[] }[] };

const ok = <Output>(value: Output): ReadResult<Output> => ({ ok: true, value });
const fail = <Output>(messageId: MessageId, path?: (string | number)[]): ReadResult<Output> => ({
  ok: false,
  issues: [{ messageId, path }],
});

type ErrorKey<Id, Kind extends string> = Id extends `field.${infer Key}.error.${Kind}` ? Key : never;

/** A key whose catalogue says what to do when nothing is typed: `field.<key>.error.required`. */
export type RequiredKey = ErrorKey<MessageId, 'required'>;

/** A key whose catalogue also says what to do with a value that is not one: `field.<key>.error.invalid`. */
export type InvalidKey = RequiredKey & ErrorKey<MessageId, 'invalid'>;

/** Builds a zod schema from a reader; issue messages are message ids. */
export function schemaFromReader<Output>(
  read: (value: unknown) => ReadResult<Output>,
): z.ZodMiniType<Output, unknown> {
  // A transform is a schema of its own, taking any input: no pipe from z.unknown() needed.
  return z.transform((value: unknown, context) => {
    const result = read(value);
    if (result.ok) return result.value;
    for (const issue of result.issues) {
      context.issues.push({
        code: 'custom',
        message: issue.messageId,
        path: issue.path ?? [],
        input: value,
      });
    }
    return z.NEVER;
  });
}

const MAX_TEXT_LENGTH = 256;

/** A string trimmed or a finite number as text; anything else reads as nothing typed (''). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

// C0 and C1 controls (NUL, ESC, DEL ...) and the bidi embeddings, overrides and isolates (U+202A-U+202E,
// U+2066-U+2069) that can make a name read differently on screen than in a record.
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
// Half of a surrogate pair with no other half: not a character at all (JSON and databases mangle it).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Text that shows nothing: format characters (zero-width space and joiners, marks), fillers and blanks.
const INVISIBLE = /[\p{Cf}\p{Z}\s\u115f\u1160\u3164\uffa0\u2800]/gu;

/**
 * Why a text may not be stored, or `undefined` when it may: control and
 * direction-override characters and lone surrogates are refused; text made
 * only of invisible characters counts as empty.
 */
function textProblem(text: string): 'characters' | 'empty' | undefined {
  if (LONE_SURROGATE.test(text) || FORBIDDEN_CHARACTERS.test(text)) return 'characters';
  if (text.replace(INVISIBLE, '') === '') return 'empty';
  return undefined;
}

/**
 * A required single-line text: no control, direction-override or broken characters, not invisible-only.
 * Nothing typed (or nothing visible) is `field.<key>.error.required`.
 */
export function readText(key: RequiredKey) {
  const requiredId = `field.${key}.error.required` as const;
  return (value: unknown): ReadResult<string> => {
    const text = asText(value);
    if (text === '') return fail(requiredId);
    if (text.length > MAX_TEXT_LENGTH) return fail('field.error.tooLong');
    const problem = textProblem(text);
    if (problem === 'characters') return fail('field.error.characters');
    if (problem === 'empty') return fail(requiredId);
    return ok(text.replace(/\s+/g, ' '));
  };
}

/** The date of birth as the Coinbase API takes it; zero-padded on output. */
export interface DateOfBirthValue {
  day: string;
  month: string;
  year: string;
}

const DATE_PARTS = ['day', 'month', 'year'] as const;

function dateParts(value: unknown): { day?: string; month?: string; year?: string } | undefined {
  if (typeof value === 'string') {
    // An ISO date (what an <input type=date> or OMS holds) is read too.
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
    if (match === null) return value.trim() === '' ? {} : undefined;
    return { year: match[1], month: match[2], day: match[3] };
  }
  if (typeof value !== 'object' || value === null)
    return value === undefined || value === null ? {} : undefined;
  const record = value as Record<string, unknown>;
  const part = (name: string) => asText(record[name]);
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** Options of {@link readDateOfBirth}. */
export interface DateOfBirthOptions {
  /** Today, for the age checks. */
  now?: Date;
  /**
   * The youngest age that may onboard, in whole years.
   * @default 18
   */
  minimumAge?: number;
}

/** The oldest age the kit accepts: a date further back is a typo, not a customer. */
const MAXIMUM_AGE = 120;

function yearsBefore(now: Date, years: number): number {
  return Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate());
}

/**
 * Reads `{ day, month, year }` (strings or numbers, "5" or "05") or an ISO
 * date. Errors follow the GOV.UK date pattern and point at the box to fix.
 * The person must be at least `minimumAge` (18) and at most 120 years old.
 */
export function readDateOfBirth(
  value: unknown,
  options: DateOfBirthOptions = {},
): ReadResult<DateOfBirthValue> {
  const { now = new Date(), minimumAge = 18 } = options;
  const parts = dateParts(value);
  if (parts === undefined) return fail('field.dateOfBirth.error.real');
  const { day = '', month = '', year = '' } = parts;
  if (day === '' && month === '' && year === '') return fail('field.dateOfBirth.error.required');
  // The first box left empty, then the first box that is not a number of its length, is the one to fix.
  for (const name of DATE_PARTS) {
    if (!parts[name]) return fail(`field.dateOfBirth.error.${name}`, [name]);
  }
  for (const name of ['day', 'month'] as const) {
    if (!/^\d{1,2}$/.test(parts[name] ?? '')) return fail('field.dateOfBirth.error.real', [name]);
  }
  if (!/^\d{4}$/.test(year)) return fail('field.dateOfBirth.error.yearFormat', ['year']);
  const time = utcDay(Number(year), Number(month), Number(day));
  if (time === undefined) return fail('field.dateOfBirth.error.real');
  if (time >= now.getTime()) return fail('field.dateOfBirth.error.past');
  // Born on this day `minimumAge` years ago is old enough; a day later is not.
  if (time > yearsBefore(now, minimumAge)) return fail('field.dateOfBirth.error.minimumAge');
  if (time <= yearsBefore(now, MAXIMUM_AGE + 1)) return fail('field.dateOfBirth.error.tooOld', ['year']);
  return ok({ day: day.padStart(2, '0'), month: month.padStart(2, '0'), year });
}

/**
 * A reader of one typed text: nothing typed is `field.<key>.error.required`; text that `parse` refuses
 * (returns `undefined`) is `field.<key>.error.invalid`; else `parse`'s strict form.
 */
function textReader<Output>(key: InvalidKey, parse: (text: string) => Output | undefined) {
  return (value: unknown): ReadResult<Output> => {
    const text = asText(value);
    if (text === '') return fail(`field.${key}.error.required`);
    const output = parse(text);
    return output === undefined ? fail(`field.${key}.error.invalid`) : ok(output);
  };
}

/** Nine-digit US tax numbers: exactly `NNN-NN-NNNN` or nine digits (starting with `firstDigit`), written `NNN-NN-NNNN`. */
const nineDigits =
  (firstDigit = '') =>
  (text: string) => {
    if (!/^(\d{3}-\d{2}-\d{4}|\d{9})$/.test(text) || !text.startsWith(firstDigit)) return undefined;
    const digits = text.replace(/-/g, '');
    return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
  };

/**
 * Reads a full SSN, typed as `NNN-NN-NNNN` or nine digits (dashes elsewhere,
 * spaces or letters are refused), and writes `NNN-NN-NNNN`. Only the shape
 * is checked: the sandbox's magic value 000-00-0000 must reach the provider,
 * which decides whether a number verifies.
 */
export const readFullSsn = textReader('fullSsn', nineDigits());

/** Reads an ITIN: the SSN's shapes, starting with 9 (IRS). */
export const readItin = textReader('itin', nineDigits('9'));

/** A reader of an identity document number: 1-32 letters and digits (spaces and dashes dropped), upper-cased. */
export function readDocumentNumber(key: 'passport' | 'driversLicense') {
  return textReader(key, (text) => {
    const compact = text.replace(/[\s-]/g, '').toUpperCase();
    return /^[A-Z0-9]{1,32}$/.test(compact) ? compact : undefined;
  });
}

/** Reads the last four SSN digits. */
export const readSsnLast4 = textReader('ssnLast4', (text) => {
  const digits = text.replace(/\s/g, '');
  return /^\d{4}$/.test(digits) ? digits : undefined;
});

/** Reads a US ZIP code: five digits or ZIP+4 (with or without the dash). */
export const readPostalCode = textReader('addressPostalCode', (text) => {
  const match = /^(\d{5})(?:-?(\d{4}))?$/.exec(text.replace(/\s/g, ''));
  return match === null ? undefined : [match[1], match[2]].filter(Boolean).join('-');
});

const subdivisionByName = new Map<string, UsSubdivisionCode>(
  US_SUBDIVISIONS.flatMap(([code, english, spanish]) => [
    [code, code],
    [english.toUpperCase(), code],
    [spanish.toUpperCase(), code],
  ]),
);

/** Reads a US state, district or territory by USPS code or by name. */
export const readSubdivision = textReader('addressSubdivision', (text) =>
  subdivisionByName.get(text.toUpperCase().replace(/\s+/g, ' ')),
);

const unitedStatesAliases = new Set([
  'US',
  'USA',
  'UNITED STATES',
  'UNITED STATES OF AMERICA',
  'ESTADOS UNIDOS',
]);

/** Reads the address country: only the United States is accepted (Coinbase, initial release). */
export const readAddressCountry = textReader('addressCountryCode', (text) =>
  unitedStatesAliases.has(text.toUpperCase()) ? ('US' as const) : undefined,
);

/** Reads an ISO 3166-1 alpha-2 country code, in any letter case. */
export function readCountry(key: InvalidKey) {
  return textReader(key, (text) => {
    const upper = text.toUpperCase();
    if (upper === 'USA') return 'US';
    return isCountryCode(upper) ? upper : undefined;
  });
}

const emailPattern = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}/-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*$/;

/** Reads an email address against the Coinbase spec's pattern (254 characters at most). */
export const readEmail = textReader('email', (text) =>
  text.length <= 254 && emailPattern.test(text) && text.includes('.', text.indexOf('@')) ? text : undefined,
);

/** A phone number as a form holds it: a country and the number as typed. */
export interface PhoneNumberValue {
  /** ISO alpha-2 country of the number; 'US' when absent. */
  country?: string;
  number: string;
}

/** Reads a phone number (an E.164 string or `{ country, number }`) and writes E.164. */
export function readPhoneNumber(value: unknown): ReadResult<string> {
  const record: Record<string, unknown> =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { number: value };
  const country = asText(record.country).toUpperCase() || 'US';
  // Full rules for +1 always, for other countries once loaded (phoneMetadata.ts); the proxy always has them.
  return textReader('phoneNumber', (number) => {
    const parsed = parsePhone(number, country);
    return parsed.status === 'invalid' ? undefined : parsed.e164;
  })(record.number);
}

/** Reads one value of a provider enumeration; nothing chosen and anything else are both `field.<key>.error.required`. */
export function readChoice<Value extends string>(values: readonly Value[], key: RequiredKey) {
  return (value: unknown): ReadResult<Value> => {
    const text = asText(value);
    const match = values.find((candidate) => candidate === text);
    return match === undefined ? fail(`field.${key}.error.required`) : ok(match);
  };
}

/** A Terms of Service acceptance as submitted through the form layer. */
export interface TosAcceptanceValue {
  versionId: string;
  language: string;
  acceptedAt: string;
}

/** Reads a ToS acceptance record. */
export function readTosAcceptance(value: unknown): ReadResult<TosAcceptanceValue> {
  if (typeof value !== 'object' || value === null) return fail('field.tos.error.required');
  const record = value as Record<string, unknown>;
  const versionId = asText(record.versionId);
  const language = asText(record.language);
  const acceptedAt = asText(record.acceptedAt);
  if (!versionId || !language || !acceptedAt) return fail('field.tos.error.required');
  return ok({ versionId, language, acceptedAt });
}

/**
 * The W-9 certifications. The two statements every US person certifies must
 * be checked; the exemption and e-delivery choices are recorded either way
 * (the spec's `isExemptBackupWithholding` and `edeliveryConsent`).
 */
export interface TaxAttestationValue {
  certifyTaxpayerId: true;
  certifyUsPerson: true;
  isExemptBackupWithholding: boolean;
  edeliveryConsent: boolean;
}

/** Reads the W-9 certifications. */
export function readTaxAttestation(value: unknown): ReadResult<TaxAttestationValue> {
  if (typeof value !== 'object' || value === null) return fail('field.taxAttestation.error.required');
  const record = value as Record<string, unknown>;
  const issues = (['certifyTaxpayerId', 'certifyUsPerson'] as const)
    .filter((name) => record[name] !== true)
    .map((name) => ({ messageId: `field.taxAttestation.error.${name}` as const, path: [name] }));
  if (issues.length > 0) return { ok: false, issues };
  return ok({
    certifyTaxpayerId: true,
    certifyUsPerson: true,
    isExemptBackupWithholding: record.isExemptBackupWithholding === true,
    edeliveryConsent: record.edeliveryConsent === true,
  });
}
