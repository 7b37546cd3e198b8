import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { THEME_TOKENS } from './utils/themeStyle';

// Read from disk: Vitest does not process CSS imports, and the file is what partners ship.
const css = readFileSync(path.join(__dirname, 'styles.css'), 'utf8');

function block(selector: string): string {
  const start = css.indexOf(`${selector} {`);
  return css.slice(start, css.indexOf('}', start));
}

function tokensIn(text: string): Set<string> {
  return new Set([...text.matchAll(/--kyc-([a-z0-9-]+):/g)].map((match) => match[1] ?? ''));
}

describe('styles.css', () => {
  it('defines at least 40 theme tokens on :root, each one named in THEME_TOKENS', () => {
    const light = tokensIn(block(":root,\n[data-theme='light']"));
    expect(light.size).toBeGreaterThanOrEqual(40);
    // The ring colour is left unset: where it is drawn it falls back to color-focus (see the next test).
    expect([...light].sort()).toEqual(THEME_TOKENS.filter((token) => token !== 'focus-ring-color').sort());
  });

  it('draws every focus ring in focus-ring-color when set, else color-focus as inherited there', () => {
    const rings = [...css.matchAll(/outline: var\(--kyc-focus-ring-width\) solid ([^;]+);/g)];
    expect(rings.length).toBeGreaterThanOrEqual(2);
    for (const [, colour] of rings)
      expect(colour).toBe('var(--kyc-focus-ring-color, var(--kyc-color-focus))');
    // Declared on a theme's block, var() would be resolved there, and a nearer color-focus ignored.
    expect(css).not.toMatch(/--kyc-focus-ring-color:/);
  });

  it('overrides the colours in a dark theme selected by data-theme', () => {
    const dark = tokensIn(block("[data-theme='dark']"));
    const colours = THEME_TOKENS.filter((token) => token.startsWith('color-'));
    for (const colour of colours) expect(dark).toContain(colour);
  });

  it('turns motion off for people who ask for reduced motion', () => {
    expect(css).toMatch(/@media \(prefers-reduced-motion: reduce\)[^@]*animation-duration: 0\.01ms/);
  });

  it('uses logical properties rather than physical left and right', () => {
    expect(css).not.toMatch(/(margin|padding|border)-(left|right)\b/);
    expect(css).not.toMatch(/\b(left|right):/);
  });

  it('gives every focusable control a visible focus ring', () => {
    expect(css).toMatch(/:focus-visible[^{]*\{\s*outline: var\(--kyc-focus-ring-width\) solid/);
  });
});
