import { COUNTRY_CODES } from '../fields/countryCodes';
import { callingCodeOf } from '../fields/phoneCountries';
import { cached } from '../cached';
import type { MessageId } from './messages';

const collators = new Map<string, Intl.Collator>();

function collatorFor(locale: string): Intl.Collator {
  return cached(collators, locale, () => {
    try {
      return new Intl.Collator([locale, 'en'], { sensitivity: 'base' });
    } catch {
      // A malformed locale tag: the runtime's default order still sorts by name.
      return new Intl.Collator();
    }
  });
}

/**
 * A copy of `options` sorted by their display `label` in `locale`'s
 * alphabetical order (`Intl.Collator`, one per locale, kept): a list of
 * countries or states reads as a person expects and type-to-find works,
 * whatever the codes are.
 *
 * @example sortOptionsByLabel([{ value: 'AE', label: 'United Arab Emirates' }, { value: 'AF', label: 'Afghanistan' }], 'en')
 * // Afghanistan, United Arab Emirates
 */
export function sortOptionsByLabel<Option extends { label: string }>(
  options: readonly Option[],
  locale: string,
): Option[] {
  const collator = collatorFor(locale);
  return [...options].sort((left, right) => collator.compare(left.label, right.label));
}

/** One part of a date entered as three boxes. */
export type DatePart = 'day' | 'month' | 'year';

// English is known without asking: a first `Intl.DateTimeFormat` costs 15-20 ms on a slow phone's first render.
const monthFirst: readonly DatePart[] = ['month', 'day', 'year'];
const dateOrders = new Map<string, readonly DatePart[]>([
  ['en', monthFirst],
  ['en-US', monthFirst],
]);

/**
 * The order in which `locale` writes a date's day, month and year, read from
 * `Intl.DateTimeFormat(locale).formatToParts`: `month, day, year` in en-US,
 * `day, month, year` in es and en-GB, `year, month, day` in ja. Day-first when
 * the runtime cannot tell.
 *
 * @example datePartOrder('en-US') // ['month', 'day', 'year']
 */
export function datePartOrder(locale: string): readonly DatePart[] {
  return cached(dateOrders, locale, () => {
    let types: string[] = [];
    try {
      // The default format is numeric day, month and year in every locale.
      types = new Intl.DateTimeFormat([locale, 'en']).formatToParts(0).map((part) => part.type);
    } catch {
      // A malformed locale tag: day first below.
    }
    const order = types.filter(
      (type): type is DatePart => type === 'day' || type === 'month' || type === 'year',
    );
    return new Set(order).size === 3 ? order : ['day', 'month', 'year'];
  });
}

/**
 * An example date (27 March 1990) as a person types it into the three boxes,
 * in `locale`'s order: `3 27 1990` in en-US, `27 3 1990` in es.
 *
 * @example dateExample('es') // '27 3 1990'
 */
export function dateExample(locale: string): string {
  const example: Record<DatePart, string> = { day: '27', month: '3', year: '1990' };
  return datePartOrder(locale)
    .map((part) => example[part])
    .join(' ');
}

/**
 * The phone field's country choices: every ISO country of the citizenship
 * list, labelled with its name in `t`'s locale and its calling code
 * ("United States (+1)"), sorted by name in `locale` like the citizenship
 * select, so type-to-find works on the name and the code is visible.
 * `codes` narrows the list (one code: the label of one choice).
 *
 * @example phoneCountryOptions(createTranslator('en'), 'en').find((option) => option.value === 'US')
 * // { value: 'US', label: 'United States (+1)' }
 */
export function phoneCountryOptions(
  t: (id: MessageId) => string,
  locale: string,
  codes: readonly string[] = COUNTRY_CODES,
): { value: string; label: string }[] {
  return sortOptionsByLabel(
    codes.map((code) => ({ value: code, label: t(`country.${code}`) })),
    locale,
  ).map((option) => {
    const callingCode = callingCodeOf(option.value);
    return callingCode === undefined ? option : { ...option, label: `${option.label} (+${callingCode})` };
  });
}
