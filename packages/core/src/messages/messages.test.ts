import { describe, expect, it } from 'vitest';
import { KNOWN_CAPABILITIES } from '../model';
import {
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from '../providers/coinbaseEnums';
import { en, enTree } from './en';
import { es } from '../locales/es';
import {
  capabilityNameId,
  capabilityStateIds,
  capabilityStatusDescriptionId,
  capabilityStatusId,
  createTranslator,
  messages,
  requirementStatusId,
  resolveLocale,
} from './messages';

// Spanish ships as its own entry point; this is how a partner's app reads it.
const spanish = createTranslator('es', es);

const unableToComplete = "We're unable to complete this request. Please contact support.";

describe('the message catalogue', () => {
  it('has the same ids in English and Spanish, none empty', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [id, text] of Object.entries(es)) expect(text.trim(), id).not.toBe('');
    for (const [id, text] of Object.entries(messages.en)) expect(text.trim(), id).not.toBe('');
  });

  it('gives every English text an id of its own: no two key paths of the nested catalogue join to one id', () => {
    // `flatten` keeps the last of two paths that join alike (`a: { b }` and `'a.b'`), silently dropping a
    // message; Spanish is written flat, where TypeScript refuses a repeated key (TS1117).
    const paths = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'string' ? [prefix + key] : paths(value as object, `${prefix}${key}.`),
      );
    const options = Object.entries({
      purposeOfAccount: PURPOSE_OF_ACCOUNT_VALUES,
      sourceOfFunds: SOURCE_OF_FUNDS_VALUES,
      employmentStatus: EMPLOYMENT_STATUS_VALUES,
      occupation: OCCUPATION_VALUES,
      expectedVolume: EXPECTED_VOLUME_VALUES,
    }).flatMap(([field, values]) => values.map((value) => `option.${field}.${value}`));
    const ids = [...paths(enTree), ...options];
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(ids.sort());
    expect(Object.keys(en).filter((id) => !Object.hasOwn(es, id))).toEqual([]);
  });

  it('only uses the kit parameters {current}, {total}, {date}, {example}, {capabilities}, {field} and the partner’s support contact', () => {
    // {capabilities} and {field} are the kit's own catalogue names and labels, never a provider string;
    // {reference} is the partner's own `support` setting.
    for (const text of [...Object.values(messages.en), ...Object.values(es)]) {
      for (const match of text.matchAll(/\{(\w+)\}/g))
        expect([
          'current',
          'total',
          'date',
          'example',
          'capabilities',
          'count',
          'reference',
          'field',
        ]).toContain(match[1]);
    }
  });

  it('fills the same parameters in Spanish as in English, message by message', () => {
    // A parameter missing in one language leaves its value out of that language's text; an extra one shows as "{name}".
    const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [id, text] of Object.entries(en))
      expect(parameters(es[id as keyof typeof en]), id).toEqual(parameters(text));
  });

  it('tells "action needed", "in review" and "unavailable" apart', () => {
    const text = (gate: { status: 'pending' | 'inactive' | 'active'; reason: string }) => {
      const ids = capabilityStateIds(gate);
      return [en[ids.label as keyof typeof en], en[ids.description as keyof typeof en]];
    };
    expect(text({ status: 'pending', reason: 'needs_input' })).toEqual([
      'Action needed',
      'We need a few more details before you can continue.',
    ]);
    expect(text({ status: 'pending', reason: 'verifying' })[0]).toBe('In review');
    expect(text({ status: 'inactive', reason: 'unavailable' })).toEqual([
      'Unavailable',
      "We're unable to complete this request. Please contact support.",
    ]);
    expect(text({ status: 'active', reason: 'active' })[0]).toBe('Ready');
  });

  for (const capability of [...KNOWN_CAPABILITIES, 'basic', 'cryptoCustody', 'usd']) {
    it(`names the capability ${capability} in both languages`, () => {
      const id = capabilityNameId(capability);
      expect(id).toBe(`capability.${capability}.name`);
      expect(messages.en[id]).toBeTruthy();
      expect(spanish(id)).toBeTruthy();
    });
  }

  for (const status of ['unrequested', 'pending', 'active', 'inactive', 'unknown'] as const) {
    it(`labels and describes the capability status ${status}`, () => {
      expect(messages.en[capabilityStatusId(status)]).toBeTruthy();
      expect(spanish(capabilityStatusDescriptionId(status))).toBeTruthy();
    });
  }

  it('describes inactive with the generic support message only', () => {
    expect(messages.en[capabilityStatusDescriptionId('inactive')]).toBe(unableToComplete);
    expect(messages.en['gate.reason.unavailable']).toBe(unableToComplete);
    expect(messages.en['error.api.customer_not_authorized']).toBe(unableToComplete);
  });

  for (const status of [
    'eventually_due',
    'due',
    'pending',
    'rejected',
    'overdue',
    'unknown',
    'not_submitted',
  ] as const) {
    it(`labels the requirement status ${status}`, () => {
      expect(messages.en[requirementStatusId(status)]).toBeTruthy();
      expect(spanish(requirementStatusId(status))).toBeTruthy();
    });
  }
});

describe('generic and proxy-facing ids', () => {
  it('has a generic loading text in both locales', () => {
    expect(en['status.loading']).toBe('Loading…');
    expect(es['status.loading']).toBe('Cargando…');
    expect(createTranslator('en')('status.loading')).toBe('Loading…');
  });

  it("translates the proxy's field-level codes", () => {
    for (const id of ['field.error.unknown', 'field.error.tosNotAField'] as const) {
      expect(en[id]).toBeTruthy();
      expect(es[id]).toBeTruthy();
      expect(es[id]).not.toBe(en[id]);
    }
  });
});

describe('createTranslator', () => {
  it('picks Spanish for es and its regional tags, English otherwise', () => {
    expect(resolveLocale('es')).toBe('es');
    expect(resolveLocale('es-MX')).toBe('es');
    expect(resolveLocale('ES_us')).toBe('es');
    expect(resolveLocale('fr-FR')).toBe('en');
    expect(createTranslator('es-419', es)('form.submit')).toBe('Continuar');
    expect(createTranslator('de')('form.submit')).toBe('Continue');
  });

  it('keeps Spanish out of the main entry: without the catalogue, texts are English and names Spanish', () => {
    const t = createTranslator('es');
    expect(t('form.submit')).toBe('Continue');
    expect(t('country.DE')).toBe('Alemania');
    expect(t('subdivision.NY')).toBe('Nueva York');
    expect(Object.hasOwn(messages, 'es')).toBe(false);
  });

  it('applies partner overrides before the catalogue', () => {
    const t = createTranslator('en', { 'gate.reason.unavailable': 'Please call us on 0800 000 000.' });
    expect(t('gate.reason.unavailable')).toBe('Please call us on 0800 000 000.');
    expect(t('form.submit')).toBe('Continue');
  });

  it('fills kit parameters', () => {
    expect(spanish('step.progress', { current: 2, total: 5 })).toBe('Paso 2 de 5');
  });

  it('never shows an id built from a provider value; it falls back to a generic text', () => {
    const t = createTranslator('en');
    expect(t(capabilityNameId('lendCrypto'))).toBe('This feature');
    expect(t('capability.lendCrypto.name')).toBe('This feature');
    expect(t('field.proofOfAddress.label')).toBe('Additional information');
    expect(t('capability.status.frozen')).toBe('Status unavailable');
    expect(t('error.api.teapot')).toBe('Something went wrong on our side. Please try again.');
    expect(t('some.unknown.id')).toBe('');
  });
});
