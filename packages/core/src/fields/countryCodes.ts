import { PHONE_COUNTRIES } from './phoneCountries';

/**
 * The ISO 3166-1 alpha-2 codes (officially assigned, 249), in code order.
 * Read off the phone field's country table, which lists all of them but
 * seven territories without a telephone numbering plan of their own, plus
 * three regions outside ISO 3166 (Ascension AC, Tristan da Cunha TA, Kosovo
 * XK), so the kit ships the codes once; a core test holds the result to the
 * standard. Names are not kept here: the catalogue asks `Intl.DisplayNames`
 * for them in each locale, so the kit ships no 249 x N table that would age.
 */
export const COUNTRY_CODES: readonly string[] = PHONE_COUNTRIES.map((row) => row.code)
  .filter((code) => !['AC', 'TA', 'XK'].includes(code))
  .concat(['AQ', 'BV', 'GS', 'HM', 'PN', 'TF', 'UM'])
  .sort();

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.includes(code);
}
