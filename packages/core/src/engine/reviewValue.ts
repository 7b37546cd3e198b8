import type { FieldSpec } from '../fields/fieldSpecFor';
import { callingCodeOf } from '../fields/phoneCountries';
import { longDate } from '../messages/displayNames';
import type { MessageId } from '../messages/messages';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * How the review step ("Check your answers") shows a saved value: the
 * option's name for a choice (a country's name, a state's), a date in the
 * locale's order, a phone with its calling code, text as typed.
 * `undefined` when only "Provided" may be said: a sensitive field (SSN,
 * date of birth, address, any id number, an unknown key) is never echoed,
 * not even partly, and neither is a value this tab no longer holds; a group
 * of checkboxes (the W-9's statements) reads "Provided" too.
 *
 * @example reviewValue(fieldSpecFor('citizenship'), 'FR', t, 'en') // 'France'
 */
export function reviewValue(
  spec: FieldSpec,
  value: unknown,
  t: (id: MessageId) => string,
  locale: string,
): string | undefined {
  if (spec.sensitive || value === undefined || value === null) return undefined;
  let shown: string;
  // By the controls the value was entered with, so a partner's own date or phone key reads like the kit's.
  if (spec.control === 'phone' && typeof value === 'object') {
    const { country, number } = value as { country?: unknown; number?: unknown };
    const code = callingCodeOf(text(country) || 'US');
    shown = text(number) === '' ? '' : `${code === undefined ? '' : `+${code} `}${text(number)}`;
  } else if (spec.control === 'date' && typeof value === 'object') {
    const { day, month, year } = value as Record<string, unknown>;
    // Not a date: nothing to show but "Provided".
    shown = longDate(Date.UTC(Number(text(year)), Number(text(month)) - 1, Number(text(day))), locale) ?? '';
  } else {
    const option = spec.options?.find((each) => each.value === value);
    shown = option === undefined ? text(value) : t(option.labelId);
  }
  return shown === '' ? undefined : shown;
}
