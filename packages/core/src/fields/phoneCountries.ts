import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

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
 * select (`{ country, number }`). Taken from the library's own metadata,
 * through the same entry point the field's parser uses, so the list and the
 * validation can never disagree and the browser bundle carries one copy of
 * the metadata.
 *
 * @example PHONE_COUNTRIES.find((row) => row.code === 'US') // { code: 'US', callingCode: '1' }
 */
export const PHONE_COUNTRIES: readonly PhoneCountry[] = getCountries().map((code) => ({
  code,
  callingCode: getCountryCallingCode(code),
}));
