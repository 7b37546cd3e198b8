import { describe, expect, it } from 'vitest';
import { demoMessages, formatDemoMessage } from './demoMessages';
import type { DemoMessageId } from './demoMessages';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('demoMessages', () => {
  it('gives every English message a Spanish one with the same placeholders', () => {
    for (const id of Object.keys(demoMessages.en) as DemoMessageId[]) {
      expect(demoMessages.es[id], id).not.toBe('');
      expect(placeholders(demoMessages.es[id]), id).toEqual(placeholders(demoMessages.en[id]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatDemoMessage('en', 'signedInAs', { username: 'ada' })).toBe('Signed in as ada');
    expect(formatDemoMessage('es', 'signedInAs', { username: 'ada' })).toBe('Sesión iniciada como ada');
    expect(formatDemoMessage('en', 'signedInAs')).toBe('Signed in as {username}');
  });
});
