// libphonenumber-js's `core` entry takes its metadata as an argument, so the browser
// bundle carries only the rules of calling code +1 (about 1 KB gzip, inline) instead of
// every country's (about 19 KB gzip). The rest loads on demand, in its own chunk.
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import { NANP_PHONE_METADATA } from './phoneMetadataInline';
import { callingCodeOf } from './phoneCountries';

let allCountries: MetadataJson | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the phone rules of every country (libphonenumber-js `min` metadata, a
 * chunk of its own). Until then the `phoneNumber` field checks numbers of
 * calling code +1 (the US and its NANP neighbours) in full and accepts other
 * countries' numbers of a plausible length; the proxy, which awaits this
 * before validating, checks every number in full and refuses what the browser
 * let through. The phone field starts it when its country select gets focus;
 * call it yourself to preload. Resolves once; a failed load may be retried.
 *
 * @example await loadPhoneMetadata(); // then validateFields() checks a GB number in full
 */
export function loadPhoneMetadata(): Promise<void> {
  loading ??= import('libphonenumber-js/min/metadata').then(
    (module) => {
      allCountries = module.default;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether {@link loadPhoneMetadata} has finished: every country's number is then checked in full. */
export function isPhoneMetadataLoaded(): boolean {
  return allCountries !== undefined;
}

/** What {@link parsePhone} made of a number. */
export type ParsedPhone =
  | { status: 'valid'; e164: string }
  | { status: 'invalid' }
  /** The country's rules are not loaded: plausible, `e164` provisional (the proxy decides). */
  | { status: 'unchecked'; e164: string };

/** Whether `metadata` has rules for `country`. Any string may be asked; only codes it lists say yes. */
function hasRulesFor(metadata: MetadataJson, country: string): country is CountryCode {
  return Object.hasOwn(metadata.countries, country);
}

function parseWith(
  metadata: MetadataJson,
  number: string,
  country: string,
  callingCode?: string,
): ParsedPhone {
  const parsed =
    callingCode !== undefined && !number.startsWith('+')
      ? parsePhoneNumberFromString(`+${callingCode}${number.replace(/^0+/, '')}`, metadata)
      : parsePhoneNumberFromString(number, hasRulesFor(metadata, country) ? country : 'US', metadata);
  return parsed !== undefined && parsed.isValid()
    ? { status: 'valid', e164: parsed.number }
    : { status: 'invalid' };
}

/**
 * Parses a number typed for `country` (an ISO code, or a calling code such as
 * `+44`, which browsers autofill into `tel-country-code`) into E.164. A number
 * starting with `+` carries its own calling code; an unknown country means
 * the US, as before.
 */
export function parsePhone(number: string, country: string): ParsedPhone {
  const callingCode = /^\+?(\d{1,3})$/.exec(country)?.[1];
  if (allCountries !== undefined) return parseWith(allCountries, number, country, callingCode);
  const digits = number.replace(/\D/g, '');
  const ownCode = number.trimStart().startsWith('+');
  const code = ownCode ? undefined : (callingCode ?? callingCodeOf(country) ?? '1');
  // Calling code +1 is inline: checked in full, exactly as with every country's rules.
  if (code === '1' || (ownCode && digits.startsWith('1'))) {
    return parseWith(NANP_PHONE_METADATA, number, country, callingCode);
  }
  // Any other country: a plausible length passes for now (E.164 allows 15 digits in all).
  void loadPhoneMetadata().catch(() => undefined);
  const national = ownCode ? digits : digits.replace(/^0/, '');
  const e164 = `+${code ?? ''}${national}`;
  return national.length >= 4 && e164.length <= 16 ? { status: 'unchecked', e164 } : { status: 'invalid' };
}
