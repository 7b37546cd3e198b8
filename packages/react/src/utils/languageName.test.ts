import { describe, expect, it } from 'vitest';
import { languageName } from './languageName';

describe('languageName', () => {
  it('names each language in its own words, first letter upper case in every locale', () => {
    expect(languageName('en', 'en')).toBe('English');
    // CLDR writes "español" in lower case: a list must not read "English" / "español".
    expect(languageName('es', 'es')).toBe('Español');
    expect(languageName('fr', 'fr')).toBe('Français');
  });

  it('names a language in another locale, and keeps an unknown tag as it is', () => {
    expect(languageName('en', 'es')).toBe('Inglés');
    expect(languageName('zz', 'en')).toBe('zz');
  });
});
