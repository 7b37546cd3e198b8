/**
 * The sandbox's magic values: typing one of these reaches a path that a real
 * provider only reaches with a real person. Documented in the package README.
 */
export const MAGIC_VALUES = {
  /** This SSN (Coinbase `fullSsn`, OMS `identifyingInformation[type=ssn]`) is rejected by verification. */
  rejectedSsn: '000-00-0000',
  /** This ZIP code (Coinbase `address.postCode`, OMS `residentialAddress.zipCode`) is rejected. */
  rejectedPostalCode: '00000',
  /** A date of birth in this year is rejected. */
  rejectedBirthYear: '1900',
  /** This last name makes every requested capability inactive (endorsement REJECTED) once verification runs. */
  sanctionedLastName: 'Sanctioned',
  /** This first name keeps verification pending until `POST /sandbox/advance`. */
  slowFirstName: 'Slow',
} as const;

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Whether an SSN (with or without dashes) is the magic rejected one. */
export function isRejectedSsn(value: string): boolean {
  return digitsOf(value) === digitsOf(MAGIC_VALUES.rejectedSsn);
}

/** Whether a postal code is the magic rejected one (ZIP+4 included). */
export function isRejectedPostalCode(value: string): boolean {
  return value.trim().split('-')[0] === MAGIC_VALUES.rejectedPostalCode;
}

/** Whether a year of birth is the magic rejected one. */
export function isRejectedBirthYear(year: string): boolean {
  return year.trim() === MAGIC_VALUES.rejectedBirthYear;
}

/** A submitted requirement key and whether verification will pass it. */
export interface FieldVerdict {
  key: string;
  passes: boolean;
}

/** The Coinbase IndividualInput fields, as a validated request carries them. */
export interface CoinbaseIndividualInput {
  firstName?: string;
  lastName?: string;
  address?: {
    line1?: string;
    line2?: string;
    city?: string;
    state?: string;
    postCode?: string;
    countryCode?: string;
  };
  ssnLast4?: string;
  dateOfBirth?: { day: string; month: string; year: string };
  fullSsn?: string;
  citizenship?: string;
  email?: string;
  phoneNumber?: string;
  purposeOfAccount?: string;
  sourceOfFunds?: string;
  employmentStatus?: string;
  occupation?: string;
  expectedVolume?: string;
}

/**
 * Maps a Coinbase `individual` object to the seed-002 requirement keys it resolves
 * (`address.state` resolves `addressSubdivision`, ...) and decides each verdict.
 */
export function coinbaseFieldVerdicts(individual: CoinbaseIndividualInput): FieldVerdict[] {
  const verdicts: FieldVerdict[] = [];
  const add = (key: string, value: unknown, passes = true): void => {
    if (value !== undefined) verdicts.push({ key, passes });
  };
  add('firstName', individual.firstName);
  add('lastName', individual.lastName);
  add('dateOfBirth', individual.dateOfBirth, !isRejectedBirthYear(individual.dateOfBirth?.year ?? ''));
  add('ssnLast4', individual.ssnLast4);
  add('fullSsn', individual.fullSsn, !isRejectedSsn(individual.fullSsn ?? ''));
  add('addressLine1', individual.address?.line1);
  add('addressCity', individual.address?.city);
  add('addressSubdivision', individual.address?.state);
  add(
    'addressPostalCode',
    individual.address?.postCode,
    !isRejectedPostalCode(individual.address?.postCode ?? ''),
  );
  add('addressCountryCode', individual.address?.countryCode);
  add('citizenship', individual.citizenship);
  add('email', individual.email);
  add('phoneNumber', individual.phoneNumber);
  add('purposeOfAccount', individual.purposeOfAccount);
  add('sourceOfFunds', individual.sourceOfFunds);
  add('employmentStatus', individual.employmentStatus);
  add('occupation', individual.occupation);
  add('expectedVolume', individual.expectedVolume);
  return verdicts;
}

/** The OMS write fields that carry verdicts, as a validated request carries them. */
export interface OmsFieldInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  birthDate?: string;
  nationality?: string;
  residentialAddress?: { zipCode?: string };
  identifyingInformation?: { type: string; number: string }[];
}

/** Maps an OMS create/update body to the OMS field names it resolves and decides each verdict. */
export function omsFieldVerdicts(input: OmsFieldInput): FieldVerdict[] {
  const verdicts: FieldVerdict[] = [];
  const add = (key: string, value: unknown, passes = true): void => {
    if (value !== undefined) verdicts.push({ key, passes });
  };
  add('firstName', input.firstName);
  add('lastName', input.lastName);
  add('email', input.email);
  add('phone', input.phone);
  add('nationality', input.nationality);
  add('birthDate', input.birthDate, !isRejectedBirthYear(input.birthDate?.slice(0, 4) ?? ''));
  add(
    'residentialAddress',
    input.residentialAddress,
    !isRejectedPostalCode(input.residentialAddress?.zipCode ?? ''),
  );
  add(
    'identifyingInformation',
    input.identifyingInformation,
    !(input.identifyingInformation ?? []).some(
      (document) => document.type === 'ssn' && isRejectedSsn(document.number),
    ),
  );
  return verdicts;
}
