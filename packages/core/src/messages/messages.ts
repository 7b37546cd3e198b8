import { COUNTRY_CODES } from '../fields/countryCodes';
import { PHONE_COUNTRIES } from '../fields/phoneCountries';
import { US_SUBDIVISIONS, type UsSubdivisionCode } from '../fields/usSubdivisions';
import type { CapabilityStatus, RequirementStatus } from '../model';
import { cached } from '../cached';
import { displayNamesFor } from './displayNames';
import { en } from './en';

/** An id of the hand-written catalogue (messages/en.ts). */
export type CatalogueMessageId = keyof typeof en;

/**
 * Any message id the kit renders: the catalogue's, one per US state or
 * territory (`subdivision.CA`) and one per ISO country (`country.FR`).
 */
export type MessageId = CatalogueMessageId | `subdivision.${UsSubdivisionCode}` | `country.${string}`;

/** The locales the kit ships text for. */
export type Locale = 'en' | 'es';

/** The locales the kit ships text for, in a stable order (Spanish from `@kyc-kit/core/locales/es`). */
export const LOCALES: readonly Locale[] = ['en', 'es'];

/**
 * Gives `names` a `country.<code>` entry per ISO and phone country whose text
 * is looked up on each read (one `Intl.DisplayNames` per locale, made on
 * first use: none at module load or for a catalogue nobody reads a country
 * name from; a lookup then costs microseconds, and the option lists that
 * read them are kept). The getters stay getters: turning each into a data
 * property on first read (as this did before) re-shaped a 600-entry object
 * 250 times, 350 ms at 4x CPU throttling on the first render of a country
 * select.
 */
function withCountryNames<Names extends object>(
  names: Names,
  locale: Locale,
): Names & Record<`country.${string}`, string> {
  // The phone select also lists libphonenumber's regions outside ISO 3166 (AC, TA, XK): they need names too.
  for (const code of new Set([...COUNTRY_CODES, ...PHONE_COUNTRIES.map((row) => row.code)])) {
    Object.defineProperty(names, `country.${code}`, {
      enumerable: true,
      // Names come from the runtime's CLDR data; a runtime without it falls back to the code.
      get: () => displayNamesFor(locale, 'region')?.of(code) ?? code,
    });
  }
  return names as Names & Record<`country.${string}`, string>;
}

function subdivisionNames(column: 1 | 2): Record<`subdivision.${UsSubdivisionCode}`, string> {
  return Object.fromEntries(US_SUBDIVISIONS.map((row) => [`subdivision.${row[0]}`, row[column]])) as Record<
    `subdivision.${UsSubdivisionCode}`,
    string
  >;
}

/**
 * The message catalogue: every id in English. Texts never take a provider
 * string as a parameter; override any of them with {@link createTranslator}'s
 * second argument. Spanish ships as its own entry point,
 * `@kyc-kit/core/locales/es`, so apps in English do not download it: pass its
 * `es` as the overrides (`messages`) together with `locale: 'es'`.
 */
export const messages: { en: Record<MessageId, string> } = {
  en: withCountryNames({ ...en, ...subdivisionNames(1) }, 'en'),
};

const localeNames = new Map<Locale, Record<string, string>>();

/**
 * The names that follow the locale without a hand-written catalogue: US
 * states (both columns of the subdivision table ship anyway, the field reads
 * names in either language) and countries (from `Intl`). Made on first use.
 */
function namesFor(locale: Locale): Record<string, string> {
  return locale === 'en'
    ? messages.en
    : cached(localeNames, locale, () => withCountryNames({ ...subdivisionNames(2) }, locale));
}

/** Picks the catalogue for a BCP 47 tag: `es`, `es-MX` -> es; anything else -> en. */
export function resolveLocale(locale: string): Locale {
  return /^es(?:[-_]|$)/i.test(locale.trim()) ? 'es' : 'en';
}

/**
 * The text shown for an id the catalogue lacks. An id built from a provider
 * value (an unknown capability name, say) falls back to a generic text of its
 * kind; the id itself is never shown, since it may carry provider text.
 */
function fallbackId(id: string): MessageId | undefined {
  if (id.startsWith('capability.') && id.endsWith('.name')) return 'capability.unknown.name';
  if (id.startsWith('capability.status.')) {
    return id.endsWith('.description')
      ? 'capability.status.unknown.description'
      : 'capability.status.unknown';
  }
  if (id.startsWith('requirement.status.')) return 'requirement.status.unknown';
  if (id.startsWith('field.') && id.endsWith('.label')) return 'field.generic.label';
  if (id.startsWith('field.') && id.includes('.error.')) return 'field.generic.error.required';
  if (id.startsWith('error.api.')) return 'error.api.internal';
  if (id.startsWith('gate.reason.')) return 'status.unableToComplete';
  return undefined;
}

/** A function from message id (and kit-made parameters) to text. */
export type Translator = (id: MessageId | string, params?: Record<string, string | number>) => string;

/**
 * Creates a translator for a locale, with optional per-id overrides (a
 * partner's own wording, or a whole catalogue such as
 * `@kyc-kit/core/locales/es`). Country and US state names follow `locale`;
 * other ids the overrides lack are English. Unknown ids fall back to a generic
 * text of their kind, or to an empty string; `{name}` placeholders take
 * `params[name]`.
 *
 * @example
 * import { es } from '@kyc-kit/core/locales/es';
 * const t = createTranslator('es-MX', { ...es, 'form.submit': 'Siguiente' });
 * t('gate.reason.unavailable'); // "No podemos completar esta solicitud. ..."
 */
export function createTranslator(
  locale: Locale | string,
  overrides?: Partial<Record<MessageId, string>>,
): Translator {
  const names: Record<string, string | undefined> = namesFor(resolveLocale(locale));
  const english: Record<string, string | undefined> = messages.en;
  const custom: Record<string, string | undefined> = overrides ?? {};
  const lookup = (id: string): string | undefined => custom[id] ?? names[id] ?? english[id];
  return (id, params) => {
    const fallback = fallbackId(id);
    const text = lookup(id) ?? (fallback === undefined ? undefined : lookup(fallback)) ?? '';
    if (params === undefined) return text;
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in params ? String(params[name]) : placeholder,
    );
  };
}

/** Whether the catalogue has a text for `id` (in English, the reference). */
export function hasMessage(id: string): id is MessageId {
  return Object.hasOwn(messages.en, id);
}

/** The id of a capability's display name; a generic one for an unknown name. */
export function capabilityNameId(capability: string): MessageId {
  const id = `capability.${capability}.name`;
  return hasMessage(id) ? id : 'capability.unknown.name';
}

/** The id of a capability status's short label. */
export function capabilityStatusId(status: CapabilityStatus): MessageId {
  return `capability.status.${status}`;
}

/** The id of a capability status's sentence (inactive: the generic support message). */
export function capabilityStatusDescriptionId(status: CapabilityStatus): MessageId {
  return `capability.status.${status}.description`;
}

/**
 * The label and sentence of a capability's state as the person should read
 * it: a pending capability is "Action needed" when details are owed and
 * "In review" while the provider verifies them; otherwise the status's own.
 */
export function capabilityStateIds(gate: { status: CapabilityStatus; reason: string }): {
  label: MessageId;
  description: MessageId;
} {
  if (gate.status === 'pending' && gate.reason === 'needs_input')
    return { label: 'capability.status.actionNeeded', description: 'gate.reason.needs_input' };
  if (gate.status === 'pending' && gate.reason === 'verifying')
    return { label: 'capability.status.inReview', description: 'gate.reason.verifying' };
  return {
    label: `capability.status.${gate.status}`,
    description: `capability.status.${gate.status}.description`,
  };
}

/** The id of a requirement status's label. */
export function requirementStatusId(status: RequirementStatus | 'not_submitted'): MessageId {
  return `requirement.status.${status}`;
}
