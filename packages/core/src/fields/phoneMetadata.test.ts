import { describe, expect, it } from 'vitest';
import { fieldSpecFor } from './fieldSpecFor';
import { isPhoneMetadataLoaded, loadPhoneMetadata, loadPhoneRules } from './phoneMetadata';
import { validateFields } from './validateFields';

const phone = (value: unknown) => validateFields({ phoneNumber: value }, ['phoneNumber']);

// One file, in order: the module starts with no phone rules at all, as a browser does before its first paint.
describe('phone rules before and after they load', () => {
  it('lets a plausible +1 number through until the parser loads, then checks +1 numbers in full', async () => {
    expect(isPhoneMetadataLoaded()).toBe(false);
    // Nine digits: the right length for no +1 number, but plausible before the rules are here.
    expect(phone({ country: 'US', number: '201 555 012' })).toEqual({
      ok: true,
      values: { phoneNumber: '+1201555012' },
    });
    expect(phone({ country: 'US', number: '555' })).toMatchObject({
      errors: { phoneNumber: { code: 'field.phoneNumber.error.invalid' } },
    });
    // The spec's loadRules, which the form's resolver awaits before each check.
    const spec = fieldSpecFor('phoneNumber');
    expect(spec.loadRules).toBe(loadPhoneRules);
    await spec.loadRules?.();
    // +1's rules only: every other country's are still to load.
    expect(isPhoneMetadataLoaded()).toBe(false);
    expect(phone({ country: 'US', number: '201 555 012' })).toMatchObject({
      ok: false,
      errors: { phoneNumber: { code: 'field.phoneNumber.error.invalid' } },
    });
  });

  it('checks US and other +1 numbers in full from the +1 rules', () => {
    expect(phone({ country: 'US', number: '(201) 555-0123' })).toEqual({
      ok: true,
      values: { phoneNumber: '+12015550123' },
    });
    expect(phone({ country: 'US', number: '555' })).toMatchObject({
      ok: false,
      errors: { phoneNumber: { code: 'field.phoneNumber.error.invalid' } },
    });
    // A Canadian number under the US default, and Canada chosen: both +1, both checked.
    expect(phone({ country: 'US', number: '604 555 0123' })).toMatchObject({ ok: true });
    expect(phone({ country: 'CA', number: '604 555 0123' })).toMatchObject({ ok: true });
    expect(phone('+1 201 555 0123')).toEqual({ ok: true, values: { phoneNumber: '+12015550123' } });
    expect(phone({ country: 'US', number: '' })).toMatchObject({
      errors: { phoneNumber: { code: 'field.phoneNumber.error.required' } },
    });
  });

  it('lets a plausible number of another country through until its rules load, and refuses a too short one', () => {
    expect(phone({ country: 'GB', number: '020 7946 0958' })).toEqual({
      ok: true,
      values: { phoneNumber: '+442079460958' },
    });
    expect(phone({ country: 'GB', number: '020 7946 09' })).toMatchObject({ ok: true });
    expect(phone({ country: 'GB', number: '12' })).toMatchObject({
      errors: { phoneNumber: { code: 'field.phoneNumber.error.invalid' } },
    });
  });

  it('checks every country in full once loaded', async () => {
    await loadPhoneMetadata();
    expect(isPhoneMetadataLoaded()).toBe(true);
    expect(phone({ country: 'GB', number: '020 7946 0958' })).toEqual({
      ok: true,
      values: { phoneNumber: '+442079460958' },
    });
    expect(phone({ country: 'GB', number: '020 7946 09' })).toMatchObject({
      errors: { phoneNumber: { code: 'field.phoneNumber.error.invalid' } },
    });
    expect(phone({ country: '+44', number: '020 7946 0958' })).toMatchObject({
      values: { phoneNumber: '+442079460958' },
    });
    // Italian numbers keep their leading 0 in E.164: the full rules know it.
    expect(phone({ country: 'IT', number: '06 6982 0000' })).toMatchObject({
      values: { phoneNumber: '+390669820000' },
    });
    expect(phone({ country: 'US', number: '555' })).toMatchObject({ ok: false });
  });
});
