import { PHONE_COUNTRY_TABLE } from './phoneCountryTable';

/** One row of the phone field's country select. */
export interface PhoneCountry {
  /** ISO 3166-1 alpha-2 code as libphonenumber-js names it (it adds `AC`, `TA` and `XK`); the label is `country.<code>`. */
  code: string;
  /** The international calling code, digits only, without `+` (`'1'` for US, `'44'` for GB). */
  callingCode: string;
}

/**
 * Every country libphonenumber-js can parse a number for, with its calling
 * code, in code order: the options of the `phoneNumber` field's country
 * select (`{ country, number }`). A table generated from the library's own
 * metadata (a core test keeps the two equal), so listing countries never
 * downloads every country's numbering rules: those load on demand
 * (`loadPhoneMetadata`).
 *
 * @example PHONE_COUNTRIES.find((row) => row.code === 'US') // { code: 'US', callingCode: '1' }
 */
export const PHONE_COUNTRIES: readonly PhoneCountry[] = PHONE_COUNTRY_TABLE.split(',').map((entry) => ({
  code: entry.slice(0, 2),
  callingCode: entry.slice(2),
}));

/** The calling code of a phone country (`'44'` for `GB`); `undefined` for a code libphonenumber-js does not list. */
export function callingCodeOf(country: string): string | undefined {
  return PHONE_COUNTRIES.find((row) => row.code === country)?.callingCode;
}
