import { describe, expect, it } from 'vitest';
import { formatDeadline } from './formatDeadline';

describe('formatDeadline', () => {
  it('formats an ISO date as a long date in the locale', () => {
    expect(formatDeadline('2026-09-01T00:00:00Z', 'en')).toBe('September 1, 2026');
    expect(formatDeadline('2026-09-01', 'es')).toBe('1 de septiembre de 2026');
  });

  it('shows no date for anything that is not an ISO date, so provider text never reaches the screen', () => {
    expect(formatDeadline('as soon as possible', 'en')).toBeUndefined();
    expect(formatDeadline('Sep 1, 2026', 'en')).toBeUndefined();
    expect(formatDeadline('2026-02-31', 'en')).toBeUndefined();
  });
});
