import { afterEach, describe, expect, it, vi } from 'vitest';

const Real = Intl.DisplayNames;
const replaceDisplayNames = (value: typeof Intl.DisplayNames) =>
  Object.defineProperty(Intl, 'DisplayNames', { value, configurable: true, writable: true });
afterEach(() => {
  replaceDisplayNames(Real);
  vi.resetModules();
});

// The first Intl.DisplayNames loads CLDR data (100-400 ms on a slow phone): never at load, once per locale.
describe('country names from Intl.DisplayNames', () => {
  it('makes none at module load and one per locale on first use', async () => {
    const made: unknown[] = [];
    replaceDisplayNames(
      class extends Real {
        constructor(...args: ConstructorParameters<typeof Real>) {
          super(...args);
          made.push(args[0]);
        }
      },
    );
    const { createTranslator, messages } = await import('./messages');
    expect(made).toEqual([]);

    const t = createTranslator('en');
    expect(made).toEqual([]);
    expect(t('country.DE')).toBe('Germany');
    expect(t('country.FR')).toBe('France');
    expect(messages.en['country.JP']).toBe('Japan');
    expect(made).toEqual([['en']]);

    const es = createTranslator('es');
    expect(es('country.DE')).toBe('Alemania');
    expect(es('country.MX')).toBe('México');
    expect(made).toEqual([['en'], ['es']]);
  });

  it('falls back to the code when the runtime has no display names', async () => {
    replaceDisplayNames(
      class extends Real {
        constructor(...args: ConstructorParameters<typeof Real>) {
          if (args.length > 0) throw new RangeError('no CLDR data');
          super(...args);
        }
      },
    );
    const { createTranslator } = await import('./messages');
    expect(createTranslator('en')('country.DE')).toBe('DE');
  });
});
