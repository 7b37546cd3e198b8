import { datePartOrder, hasMessage } from '@kyc-kit/core';
import type { FieldSpec } from '@kyc-kit/core';
import { useId } from 'react';
import type { Translate } from './KycKitProvider';

// Ids of a field's elements and the reading of its errors, shared by the prop bags and the error summary.

/** A prefix for the ids of a form's elements, from React's `useId()` with only characters a CSS selector and a `#` link keep. */
export const useIdPrefix = (): string => `kyc${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

/**
 * The ids of one field's elements, derived from the form's `useId()`: the
 * field's own (its group) without `element`, else its `label`, `input`,
 * `description`, `error` or a part's (`day`, `country`, a checkbox's value).
 */
export function fieldIds(idPrefix: string, name: string) {
  return (element?: string) =>
    element === undefined ? `${idPrefix}-${name}` : `${idPrefix}-${name}-${element}`;
}

/**
 * The id an error summary links to: the first box of the field, as GOV.UK does for dates (the box in error,
 * else the first in `locale`'s order: the month in en-US).
 */
export function errorTargetId(idPrefix: string, spec: FieldSpec, errorNode?: unknown, locale = 'en'): string {
  const id = fieldIds(idPrefix, spec.key);
  const control = spec.control;
  switch (control) {
    case 'input':
    case 'select':
      return id('input');
    case 'date': {
      const order = datePartOrder(locale);
      return id(order.find((part) => hasOwnError(errorNode, part)) ?? order[0] ?? 'day');
    }
    case 'phone':
      return id(hasOwnError(errorNode, 'country') ? 'country' : 'number');
    case 'checkboxGroup':
      return id(spec.options?.[0]?.value ?? 'option');
    default:
      return control satisfies never;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether a composite field's error node has an error of its own part `part` (a date's `day`). */
export function hasOwnError(errorNode: unknown, part: string): boolean {
  return isRecord(errorNode) && isRecord(errorNode[part]);
}

/**
 * The first message in an error node of react-hook-form: the field's own
 * message, else the first of its parts (a date's `day`, a phone's `number`).
 */
export function firstErrorMessage(errorNode: unknown): string | undefined {
  if (!isRecord(errorNode)) return undefined;
  if (typeof errorNode.message === 'string' && errorNode.message !== '') return errorNode.message;
  for (const [key, child] of Object.entries(errorNode)) {
    if (key === 'ref' || key === 'type' || key === 'types') continue;
    const message = firstErrorMessage(child);
    if (message !== undefined) return message;
  }
  return undefined;
}

/**
 * Translates an error message stored in the form: a core message id (client
 * validation, or a server error whose code is a message id) or, failing that,
 * the proxy's end-user safe English text.
 */
export function translateErrorMessage(t: Translate, message: string): string {
  return hasMessage(message) ? t(message) : message;
}
