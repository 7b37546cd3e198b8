import { describe, expect, it } from 'vitest';
import { formFieldsSchema, validateFields } from './validateFields';

describe('validateFields', () => {
  it('returns the strict provider forms of valid values', () => {
    expect(
      validateFields({
        fullSsn: '123-45-6789',
        dateOfBirth: { day: '5', month: '3', year: '1990' },
        firstName: 'Jane',
      }),
    ).toEqual({
      ok: true,
      values: {
        fullSsn: '123-45-6789',
        dateOfBirth: { day: '05', month: '03', year: '1990' },
        firstName: 'Jane',
      },
    });
  });

  it('returns one error per invalid key, with the message id and its English text', () => {
    expect(validateFields({ fullSsn: '1234', firstName: 'Jane', addressPostalCode: '' })).toEqual({
      ok: false,
      errors: {
        fullSsn: { code: 'field.fullSsn.error.invalid', message: 'Enter a 9-digit Social Security number' },
        addressPostalCode: { code: 'field.addressPostalCode.error.required', message: 'Enter your ZIP code' },
      },
    });
  });

  it('reports listed keys that are missing from the values', () => {
    const result = validateFields({ firstName: 'Jane' }, ['firstName', 'dateOfBirth']);
    expect(result).toEqual({
      ok: false,
      errors: {
        dateOfBirth: { code: 'field.dateOfBirth.error.required', message: 'Enter your date of birth' },
      },
    });
  });

  it('validates an unknown key as generic required text', () => {
    expect(validateFields({ proofOfAddress: '' })).toEqual({
      ok: false,
      errors: { proofOfAddress: { code: 'field.generic.error.required', message: 'Enter this information' } },
    });
  });
});

describe('formFieldsSchema', () => {
  it('is the resolver schema of a step: message ids as issue messages, strict outputs', () => {
    const schema = formFieldsSchema(['firstName', 'fullSsn', 'phoneNumber']);
    const parsed = schema.safeParse({
      firstName: '',
      fullSsn: '12',
      phoneNumber: { country: 'US', number: '4155550132' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['firstName', 'field.firstName.error.required'],
      ['fullSsn', 'field.fullSsn.error.invalid'],
    ]);
    expect(schema.parse({ firstName: 'Jane', fullSsn: '123456789', phoneNumber: '+14155550132' })).toEqual({
      firstName: 'Jane',
      fullSsn: '123-45-6789',
      phoneNumber: '+14155550132',
    });
  });
});
