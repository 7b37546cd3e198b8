// Phone numbers are checked with libphonenumber-js's `core` entry, which takes its metadata as
// an argument. None of it is in the code a page runs before its first input: the parser with
// the rules of calling code +1 (about 10 KB gzip, phoneParser.ts) is a chunk of its own that
// the hooks load right after the first paint, and every other country's rules (about 19 KB
// gzip) another, loaded when a number outside +1 is typed or the country select gets focus.
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import { callingCodeOf } from './phoneCountries';
import type * as PhoneParser from './phoneParser';

let parser: typeof PhoneParser | undefined;
let allCountries: MetadataJson | undefined;

/** `load` once at a time: its promise is kept, and dropped when it fails, so a later call retries. */
function retryable(load: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/**
 * Loads the phone number parser with the rules of calling code +1 (the US
 * and its NANP neighbours), a chunk of its own. Until then a `phoneNumber`
 * passes at a plausible length. It is the `phoneNumber` spec's `loadRules`:
 * the form's resolver awaits it before each check, so a +1 number is always
 * checked in full in the form, and the hooks start it right after the first
 * paint. Resolves once; a failed load may be retried.
 *
 * @example await loadPhoneRules(); // then validateFields() checks a US number in full
 */
export const loadPhoneRules: () => Promise<void> = /* @__PURE__ */ retryable(() =>
  import('./phoneParser').then((module) => {
    parser = module;
  }),
);

/**
 * Loads the phone rules of every country (libphonenumber-js `min` metadata, a
 * chunk of its own) and the parser. Until then the `phoneNumber` field
 * checks numbers of calling code +1 in full once {@link loadPhoneRules} is
 * done and accepts other countries' numbers of a plausible length; the
 * proxy, which awaits this before validating, checks every number in full
 * and refuses what the browser let through. The phone field starts it when
 * its country select gets focus; call it yourself to preload. Resolves once;
 * a failed load may be retried.
 *
 * @example await loadPhoneMetadata(); // then validateFields() checks a GB number in full
 */
export const loadPhoneMetadata: () => Promise<void> = /* @__PURE__ */ retryable(() =>
  Promise.all([loadPhoneRules(), import('libphonenumber-js/min/metadata')]).then(([, module]) => {
    allCountries = module.default;
  }),
);

/** Whether {@link loadPhoneMetadata} has finished: every country's number is then checked in full. */
export function isPhoneMetadataLoaded(): boolean {
  return allCountries !== undefined;
}

/** What {@link parsePhone} made of a number. */
export type ParsedPhone =
  | { status: 'valid'; e164: string }
  | { status: 'invalid' }
  /** The number's rules are not loaded: plausible, `e164` provisional (the proxy decides). */
  | { status: 'unchecked'; e164: string };

function parseWith(
  { parse }: typeof PhoneParser,
  metadata: MetadataJson,
  number: string,
  country: string,
  callingCode?: string,
): ParsedPhone {
  const parsed =
    callingCode !== undefined && !number.startsWith('+')
      ? parse(`+${callingCode}${number.replace(/^0+/, '')}`, metadata)
      : parse(number, Object.hasOwn(metadata.countries, country) ? (country as CountryCode) : 'US', metadata);
  return parsed?.isValid() ? { status: 'valid', e164: parsed.number } : { status: 'invalid' };
}

/**
 * Parses a number typed for `country` (an ISO code, or a calling code such as
 * `+44`, which browsers autofill into `tel-country-code`) into E.164. A number
 * starting with `+` carries its own calling code; an unknown country means
 * the US, as before. Before its rules are loaded a plausible length passes
 * as `unchecked` (and starts loading them).
 */
export function parsePhone(number: string, country: string): ParsedPhone {
  const callingCode = /^\+?(\d{1,3})$/.exec(country)?.[1];
  if (allCountries && parser) {
    return parseWith(parser, allCountries, number, country, callingCode);
  }
  const digits = number.replace(/\D/g, '');
  const ownCode = number.trimStart().startsWith('+');
  const code = ownCode ? undefined : (callingCode ?? callingCodeOf(country) ?? '1');
  const nanp = code === '1' || (ownCode && digits.startsWith('1'));
  // Calling code +1 is checked in full, exactly as with every country's rules, once the parser is here.
  if (nanp && parser) {
    return parseWith(parser, parser.nanp, number, country, callingCode);
  }
  void (nanp ? loadPhoneRules : loadPhoneMetadata)().catch(() => undefined);
  // Rules not here yet: a plausible length passes for now (E.164 allows 15 digits in all).
  const national = ownCode ? digits : digits.replace(/^0/, '');
  const e164 = `+${code ?? ''}${national}`;
  return national.length >= 4 && e164.length <= 16 ? { status: 'unchecked', e164 } : { status: 'invalid' };
}
