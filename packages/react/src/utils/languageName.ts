const displayNames = new Map<string, Intl.DisplayNames | null>();

/**
 * The name of a language (BCP 47 tag) in `locale`, from `Intl.DisplayNames`; the tag when unknown.
 * CLDR writes some names lower case ("español", "français"): the first letter is upper-cased with
 * `locale`'s rules, so a list of languages reads "English", "Español" alike.
 * One `Intl.DisplayNames` per locale, made on first use and kept: the first one loads CLDR data
 * (100-400 ms on a slow phone), which must not happen at module load or once per option.
 */
export function languageName(tag: string, locale: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' });
    } catch {
      // An engine without Intl.DisplayNames, or a malformed locale: the tag still identifies the choice.
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    const name = names?.of(tag) ?? tag;
    return name === tag ? name : name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // A malformed tag.
    return tag;
  }
}
