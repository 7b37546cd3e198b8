import { reactStyles } from './reactStyles';

/**
 * `@kyc-kit/react`'s styles.css declares the light tokens on `:root, [data-theme='light']`. Inside a shadow root
 * `:root` matches nothing, and declaring the tokens on the element would hide the page's own `--kyc-*` values
 * (a declaration always beats an inherited value). So the light defaults go to the document, on `:root` in a
 * cascade layer that any unlayered rule of the page overrides, and the shadow root gets the rest of the file.
 * `--kyc-font-family` has no default here: `.kyc-root`'s `font-family: var(--kyc-font-family)` is then invalid
 * at computed-value time, which makes it inherit, so the elements use the page's font unless the page sets the token.
 */
const LIGHT_BLOCK = /:root\s*,\s*\[data-theme=(['"]?)light\1\]\s*\{([^}]*)\}/;

/** The CSS adopted by the document: the light token defaults, in the `kyc-kit` layer. */
export function documentCssText(css: string = reactStyles): string {
  const declarations = LIGHT_BLOCK.exec(css)?.[2] ?? '';
  const withoutFont = declarations.replace(/--kyc-font-family\s*:[^;]*;?/, '');
  return `@layer kyc-kit{:root{${withoutFont}}}`;
}

/** The CSS adopted by each element's shadow root: styles.css with the light tokens only under `theme="light"`. */
export function shadowCssText(css: string = reactStyles): string {
  const themed = css.replace(LIGHT_BLOCK, (_match, quote: string, body: string) => {
    return `[data-theme=${quote}light${quote}]{${body}}`;
  });
  return `:host{display:block}:host([hidden]){display:none}${themed}`;
}

let documentSheet: CSSStyleSheet | undefined;
let shadowSheet: CSSStyleSheet | undefined;

/** Constructable stylesheets (and `adoptedStyleSheets`) exist: every current browser, not every DOM emulation. */
function canAdopt(): boolean {
  return (
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype &&
    typeof Document !== 'undefined' &&
    'adoptedStyleSheets' in Document.prototype
  );
}

function sheetOf(text: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}

/**
 * Applies the styles to a shadow root, and the token defaults to its document once. Constructable stylesheets are
 * CSSOM, not markup: a Content-Security-Policy's `style-src` does not govern them, so `style-src 'self'` needs no
 * `'unsafe-inline'`. Without them (old browsers, some DOM emulations) a `<style>` element is the fallback, which a
 * strict `style-src` would block.
 */
export function adoptStyles(shadowRoot: ShadowRoot): void {
  const ownerDocument = shadowRoot.ownerDocument;
  if (canAdopt()) {
    documentSheet ??= sheetOf(documentCssText());
    shadowSheet ??= sheetOf(shadowCssText());
    if (!ownerDocument.adoptedStyleSheets.includes(documentSheet)) {
      ownerDocument.adoptedStyleSheets = [documentSheet, ...ownerDocument.adoptedStyleSheets];
    }
    if (!shadowRoot.adoptedStyleSheets.includes(shadowSheet)) {
      shadowRoot.adoptedStyleSheets = [...shadowRoot.adoptedStyleSheets, shadowSheet];
    }
    return;
  }
  if (ownerDocument.querySelector('style[data-kyc-kit-tokens]') === null) {
    const style = ownerDocument.createElement('style');
    style.dataset.kycKitTokens = '';
    style.textContent = documentCssText();
    ownerDocument.head.append(style);
  }
  if (shadowRoot.querySelector('style[data-kyc-kit]') === null) {
    const style = ownerDocument.createElement('style');
    style.dataset.kycKit = '';
    style.textContent = shadowCssText();
    shadowRoot.prepend(style);
  }
}
