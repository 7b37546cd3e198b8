import { createTranslator, fieldSpecFor } from '@kyc-kit/core';
import type { FieldSpecInput, PartnerFieldSpecs } from '@kyc-kit/core';
import { useForm } from 'react-hook-form';
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  buildRequirementFieldProps,
  type BuildRequirementFieldPropsInput,
} from './buildRequirementFieldProps';

function bags(key: string, extra: Partial<BuildRequirementFieldPropsInput> = {}) {
  const { result } = renderHook(() => useForm());
  return buildRequirementFieldProps({
    spec: fieldSpecFor(key),
    planned: undefined,
    idPrefix: 'kyc',
    errorNode: undefined,
    register: result.current.register,
    t: createTranslator('en'),
    ...extra,
  });
}

describe('a long option list, deferred', () => {
  it('holds only the chosen country until revealed, and reveals on focus', () => {
    const revealOptions = vi.fn();
    const field = bags('citizenship', { revealOptions, getValue: () => 'FR' });
    if (field.control !== 'select') throw new Error('citizenship is a select');
    expect(field.optionsPending).toBe(true);
    expect(field.options).toEqual([{ value: 'FR', label: 'France' }]);
    field.selectProps.onFocus?.({} as never);
    expect(revealOptions).toHaveBeenCalledOnce();
  });

  it('shows only the placeholder when nothing is chosen, and every country once not deferred', () => {
    const pending = bags('citizenship', { revealOptions: () => undefined, getValue: () => '' });
    const full = bags('citizenship');
    if (pending.control !== 'select' || full.control !== 'select') throw new Error('a select');
    expect(pending.options).toEqual([]);
    expect(full.optionsPending).toBe(false);
    expect(full.options).toHaveLength(249);
    expect(full.options[0]).toEqual({ value: 'AF', label: 'Afghanistan' });
    const t = createTranslator('en');
    const first = bags('citizenship', { t });
    const again = bags('citizenship', { t });
    // Built once per translator and locale, then kept: a re-render never sorts 249 names again.
    if (first.control !== 'select' || again.control !== 'select') throw new Error('a select');
    expect(again.options).toBe(first.options);
  });

  it('never defers a short list, and keeps the phone country chosen with its calling code', () => {
    const states = bags('addressSubdivision', { revealOptions: () => undefined });
    if (states.control !== 'select') throw new Error('a select');
    expect(states.optionsPending).toBe(false);
    expect(states.options.length).toBeGreaterThan(50);
    const phone = bags('phoneNumber', {
      revealOptions: () => undefined,
      getValue: (path) => (path === 'phoneNumber.country' ? 'US' : undefined),
    });
    if (phone.control !== 'phone') throw new Error('a phone');
    expect(phone.country.optionsPending).toBe(true);
    expect(phone.country.options).toEqual([{ value: 'US', label: 'United States (+1)' }]);
  });
});

describe("a partner's own key, wired as its spec says", () => {
  const choice = {
    section: 'financial',
    schema: fieldSpecFor('firstName').schema,
    sensitive: false,
    labelId: 'field.generic.label',
    options: [
      { value: 'ZW', labelId: 'country.ZW' },
      { value: 'AD', labelId: 'country.AD' },
    ],
  } satisfies Omit<FieldSpecInput, 'kind'>;

  it('sorts a country list by name, and keeps a list in its own order unless the spec sorts it', () => {
    const specs = {
      countryOfWork: { ...choice, kind: 'country' },
      shortList: { ...choice, kind: 'select' },
      sortedList: { ...choice, kind: 'select', sortOptions: true },
    } satisfies PartnerFieldSpecs;
    const labels = (key: string) => {
      const field = bags(key, { spec: fieldSpecFor(key, specs) });
      if (field.control !== 'select') throw new Error('a select');
      return field.options.map((option) => option.label);
    };
    expect(labels('countryOfWork')).toEqual(['Andorra', 'Zimbabwe']);
    expect(labels('shortList')).toEqual(['Zimbabwe', 'Andorra']);
    expect(labels('sortedList')).toEqual(['Andorra', 'Zimbabwe']);
  });

  it('gives an email box the email type and no spell checking', () => {
    const specs = {
      workEmail: { ...fieldSpecFor('email'), labelId: 'field.generic.label' },
    } satisfies PartnerFieldSpecs;
    const field = bags('workEmail', { spec: fieldSpecFor('workEmail', specs) });
    if (field.control !== 'input') throw new Error('an input');
    expect(field.inputProps).toMatchObject({ type: 'email', inputMode: 'email', spellCheck: false });
    const name = bags('firstName');
    if (name.control !== 'input') throw new Error('an input');
    expect(name.inputProps).toMatchObject({ type: 'text', spellCheck: undefined });
  });
});

describe('a select', () => {
  it('offers an empty first choice, except for a list of one, already chosen', () => {
    const purpose = bags('purposeOfAccount');
    const country = bags('addressCountryCode');
    if (purpose.control !== 'select' || country.control !== 'select') throw new Error('a select');
    expect(purpose.placeholder).toBe(createTranslator('en')('field.select.placeholder'));
    expect(country.placeholder).toBeUndefined();
    expect(country.options).toEqual([{ value: 'US', label: 'United States' }]);
  });
});

describe('a masked field (SSN, ITIN)', () => {
  it('is a password box when a partner only spreads inputProps, so the number is never shown on screen', () => {
    const ssn = bags('fullSsn');
    if (ssn.control !== 'input') throw new Error('the SSN is an input');
    expect(ssn.isMasked).toBe(true);
    // Masked, never saved or offered by the browser, never spell-checked, typed on the number pad.
    expect(ssn.inputProps).toMatchObject({
      type: 'password',
      autoComplete: 'off',
      spellCheck: false,
      inputMode: 'numeric',
    });
    const name = bags('firstName');
    if (name.control !== 'input') throw new Error('the first name is an input');
    expect(name.inputProps.type).toBe('text');
  });
});
