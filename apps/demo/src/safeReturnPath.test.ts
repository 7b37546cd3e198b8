import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safeReturnPath';

describe('safeReturnPath', () => {
  it('returns to a page of this site, query included', () => {
    expect(safeReturnPath('/onboarding?capability=tradeCrypto')).toBe('/onboarding?capability=tradeCrypto');
  });

  it('never leaves the site', () => {
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('//evil.example')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath('javascript:alert(1)')).toBe('/');
    // URL parsers drop tabs and line breaks anywhere, so these read as //evil.example and /\evil.example.
    expect(safeReturnPath('/\t/evil.example')).toBe('/');
    expect(safeReturnPath('/\n/evil.example')).toBe('/');
    expect(safeReturnPath('/\r\\evil.example')).toBe('/');
  });

  it('goes home without a next page', () => {
    expect(safeReturnPath(null)).toBe('/');
    expect(safeReturnPath('')).toBe('/');
  });
});
