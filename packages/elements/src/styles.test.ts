import { readFileSync } from 'node:fs';
import { reactStylesModule, outputFile } from '../scripts/make-styles.mjs';
import { documentCssText, shadowCssText } from './styles';

describe('the styles the elements adopt', () => {
  it('are the current styles.css of @kyc-kit/react (else run `pnpm --filter @kyc-kit/elements run styles`)', async () => {
    expect(readFileSync(outputFile, 'utf8')).toBe(await reactStylesModule());
  });

  it('give the shadow root every rule but the light tokens on :root, and the document the light tokens in a layer, no font', () => {
    const shadow = shadowCssText();
    expect(shadow).toContain('.kyc-root{');
    expect(shadow).not.toContain(':root');
    expect(shadow).toContain('[data-theme=light]{--kyc-color-background');
    expect(shadow).toContain('[data-theme=dark]{');
    const document = documentCssText();
    expect(document).toMatch(/^@layer kyc-kit\{:root\{--kyc-color-background/);
    expect(document).not.toContain('--kyc-font-family:');
    expect(document).toContain('--kyc-font-family-mono');
  });
});
