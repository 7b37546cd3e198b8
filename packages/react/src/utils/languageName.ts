import { displayNamesFor } from '@kyc-kit/core';

/**
 * The name of a language (BCP 47 tag) in `locale`, from `Intl.DisplayNames`; the tag when unknown.
 * CLDR writes some names lower case ("español", "français"): the first letter is upper-cased with
 * `locale`'s rules, so a list of languages reads "English", "Español" alike. The names come from
 * core's `displayNamesFor`: one `Intl.DisplayNames` per locale, made on first use and kept.
 */
export function languageName(tag: string, locale: string): string {
  try {
    const name = displayNamesFor([locale, 'en'], 'language')?.of(tag) ?? tag;
    return name === tag ? name : name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // A malformed tag or locale: the tag still identifies the choice.
    return tag;
  }
}
