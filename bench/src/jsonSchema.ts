// The bench form as JSON Schema, for the two schema-driven libraries (rjsf, JSON Forms).
import { FIELDS, PHONE_COUNTRY_OPTIONS, type BenchField } from './fields';

type JsonSchema = Record<string, unknown>;

function schemaFor(field: BenchField): JsonSchema {
  switch (field.kind) {
    case 'text':
      return {
        type: 'string',
        title: field.label,
        minLength: 1,
        ...(field.pattern ? { pattern: field.pattern } : {}),
      };
    case 'email':
      return { type: 'string', title: field.label, format: 'email' };
    case 'select':
      return { type: 'string', title: field.label, enum: [...field.options] };
    case 'date':
      return {
        type: 'object',
        title: field.label,
        properties: {
          day: { type: 'integer', title: 'Day', minimum: 1, maximum: 31 },
          month: { type: 'integer', title: 'Month', minimum: 1, maximum: 12 },
          year: { type: 'integer', title: 'Year', minimum: 1900, maximum: 2100 },
        },
        required: ['day', 'month', 'year'],
      };
    case 'phone':
      return {
        type: 'object',
        title: field.label,
        properties: {
          country: { type: 'string', title: 'Country code', enum: [...PHONE_COUNTRY_OPTIONS], default: 'US' },
          number: { type: 'string', title: 'Number', pattern: '^[0-9 ()+.-]{7,20}$' },
        },
        required: ['country', 'number'],
      };
    case 'checkbox':
      return { type: 'boolean', title: field.label, const: true };
    case 'checkboxes':
      return {
        type: 'object',
        title: field.label,
        properties: Object.fromEntries(
          field.options.map((option) => [
            option.key,
            { type: 'boolean', title: option.label, ...(option.required ? { const: true } : {}) },
          ]),
        ),
        required: field.options.filter((option) => option.required).map((option) => option.key),
      };
    default:
      return field satisfies never;
  }
}

export const KYC_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(FIELDS.map((field) => [field.key, schemaFor(field)])),
  required: FIELDS.map((field) => field.key),
} as const;
