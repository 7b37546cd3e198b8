// By USPS code, the English name, and the Spanish name where it is not the same.
const ROWS = [
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['DC', 'District of Columbia', 'Distrito de Columbia'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii', 'Hawái'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana', 'Luisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan', 'Míchigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi', 'Misisipi'],
  ['MO', 'Missouri', 'Misuri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire', 'Nuevo Hampshire'],
  ['NJ', 'New Jersey', 'Nueva Jersey'],
  ['NM', 'New Mexico', 'Nuevo México'],
  ['NY', 'New York', 'Nueva York'],
  ['NC', 'North Carolina', 'Carolina del Norte'],
  ['ND', 'North Dakota', 'Dakota del Norte'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon', 'Oregón'],
  ['PA', 'Pennsylvania', 'Pensilvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina', 'Carolina del Sur'],
  ['SD', 'South Dakota', 'Dakota del Sur'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia', 'Virginia Occidental'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
  ['AS', 'American Samoa', 'Samoa Americana'],
  ['GU', 'Guam'],
  ['MP', 'Northern Mariana Islands', 'Islas Marianas del Norte'],
  ['PR', 'Puerto Rico'],
  ['VI', 'U.S. Virgin Islands', 'Islas Vírgenes de los Estados Unidos'],
] as const;

/** A USPS state, district or territory code. */
export type UsSubdivisionCode = (typeof ROWS)[number][0];

/**
 * US states, the District of Columbia and the inhabited territories, by USPS
 * code, with English and Spanish names. Coinbase accepts US addresses only
 * (initial release) and `individual.address.state` takes the USPS code.
 */
export const US_SUBDIVISIONS: readonly (readonly [
  code: UsSubdivisionCode,
  english: string,
  spanish: string,
])[] = ROWS.map(([code, english, spanish = english]) => [code, english, spanish]);

/** Every code of {@link US_SUBDIVISIONS}, in list order. */
export const US_SUBDIVISION_CODES: readonly UsSubdivisionCode[] = US_SUBDIVISIONS.map(([code]) => code);
