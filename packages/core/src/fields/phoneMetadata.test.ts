import { describe, expect, it } from 'vitest';
import { isPhoneMetadataLoaded, loadPhoneMetadata } from './phoneMetadata';
import { validateFields } from './validateFields';

const phone = (value: unknown) => validateFields({ phoneNumber: value }, ['phoneNumber']);

// One file, in order: the module starts with only calling code +1's rules, as a browser does.
describe('phone rules before and after every country loads', () => {
  it('checks US and other +1 numbers in full from the inline rules', () => {
    expect(isPhoneMetadataLoaded()).toBe(false);
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
