/** The name of a language (BCP 47 tag) in `locale`, from `Intl.DisplayNames`; the tag when unknown. */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    // An engine without Intl.DisplayNames, or a malformed tag: the tag still identifies the choice.
    return tag;
  }
}
