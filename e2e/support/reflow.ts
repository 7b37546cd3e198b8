import type { Page } from '@playwright/test';
import { TEXT_SPACING_CSS } from './wcag';

// WCAG 2.2 1.4.10 Reflow and 1.4.12 Text Spacing, measured through open shadow roots: the custom elements
// render inside them, where a page's stylesheet and document.querySelectorAll never reach.

/** 1.4.10's reference: 1280 CSS px at 400% zoom, 320 by 256 CSS px. */
export const REFLOW_VIEWPORT = { width: 320, height: 256 } as const;

declare global {
  interface Window {
    /** Set by {@link applyTextSpacing}: the one text-spacing sheet, adopted by the document and each shadow root. */
    __textSpacing?: CSSStyleSheet;
  }
}

/**
 * Applies WCAG's text spacing ({@link TEXT_SPACING_CSS}, every declaration `!important`) to the document and
 * to every open shadow root now in it, as one adopted stylesheet. A page's `<style>` never styles inside a
 * shadow root, so each root adopts the sheet too. Call it again after the page renders new elements.
 * Answers the roots it did not reach (none, unless a root's own `!important` wins).
 */
export async function applyTextSpacing(page: Page): Promise<string[]> {
  return page.evaluate((css) => {
    const sheet = (window.__textSpacing ??= new CSSStyleSheet());
    sheet.replaceSync(css);
    const roots: (Document | ShadowRoot)[] = [document];
    for (let index = 0; index < roots.length; index += 1) {
      const root = roots[index];
      if (root === undefined) continue;
      if (!root.adoptedStyleSheets.includes(sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    // The roots whose elements the spacing did not reach (their first element's letter spacing is not 0.12em).
    return roots.flatMap((root) => {
      const first = root === document ? document.body : root.querySelector('*');
      if (!(first instanceof HTMLElement)) return [];
      const style = getComputedStyle(first);
      const expected = 0.12 * parseFloat(style.fontSize);
      if (Math.abs(parseFloat(style.letterSpacing) - expected) < 0.1) return [];
      return [root === document ? 'the document' : `the shadow root of ${(root as ShadowRoot).host.tagName}`];
    });
  }, TEXT_SPACING_CSS);
}

/** Takes the sheet of {@link applyTextSpacing} out of the document and every shadow root. */
export async function removeTextSpacing(page: Page): Promise<void> {
  await page.evaluate(() => {
    const sheet = window.__textSpacing;
    if (sheet === undefined) return;
    const roots: (Document | ShadowRoot)[] = [document];
    for (let index = 0; index < roots.length; index += 1) {
      const root = roots[index];
      if (root === undefined) continue;
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
  });
}

/**
 * Reflow and text-spacing problems of the page as it is, in words, inside `<main>` and every open shadow
 * root in it:
 * - the page scrolls sideways (1.4.10);
 * - an element's content is wider than its box (its text or a child sticks out, or it scrolls sideways), or
 *   its box sticks out of its parent's (a shadow root's top element: its host's) or out of the viewport;
 * - an element that hides its overflow (or a button) cuts its content off at the bottom (1.4.12), or a select
 *   is too narrow for the option it shows (on one line);
 * - text of one element overlaps another element's text or a control, line box by line box (1.4.12);
 * - a control is not on screen, or another element covers its middle, once scrolled to (it cannot be used).
 */
export async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const sideways = document.documentElement.scrollWidth - window.innerWidth;
    if (sideways > 0) problems.push(`the page scrolls ${sideways} px sideways`);

    // Every element of <main>, through open shadow roots, in document order; each with its parent (a host for
    // a shadow root's top elements).
    const all: { element: HTMLElement; parent: Element | null }[] = [];
    const walk = (root: ParentNode, parent: Element | null) => {
      for (const child of Array.from(root.children)) {
        if (child instanceof HTMLElement) all.push({ element: child, parent });
        if (child.shadowRoot) walk(child.shadowRoot, child);
        walk(child, child);
      }
    };
    const main = document.querySelector('main');
    if (main === null) return [...problems, 'no <main>'];
    walk(main, main);

    const describe = (element: Element) => {
      const host = (element.getRootNode() as ShadowRoot).host;
      const name =
        element.getAttribute('name') ??
        (element.getAttribute('aria-label') ?? element.textContent ?? '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 40);
      const classes = element.classList.length > 0 ? `.${Array.from(element.classList).join('.')}` : '';
      return `${host ? `${host.tagName.toLowerCase()} > ` : ''}${element.tagName.toLowerCase()}${classes} "${name}"`;
    };
    // Contains, across shadow boundaries.
    const within = (inner: Node, outer: Node) => {
      for (let node: Node | null = inner; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
        if (node === outer) return true;
      }
      return false;
    };
    const shown = all.filter(({ element }) => {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || element.getClientRects().length === 0)
        return false;
      // The visually hidden pattern clips on purpose.
      return !(style.position === 'absolute' && element.clientWidth <= 1 && element.clientHeight <= 1);
    });
    const formControl = (element: Element) => element.matches('input, select, textarea');

    for (const { element, parent } of shown) {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (box.left < -1 || box.right > window.innerWidth + 1) {
        problems.push(
          `${describe(element)} sticks out of the viewport (${Math.round(box.left)} to ${Math.round(box.right)} px)`,
        );
      }
      if (parent !== null && style.position !== 'fixed' && style.display !== 'inline') {
        const outer = parent.getBoundingClientRect();
        const over = Math.max(outer.left - box.left, box.right - outer.right);
        if (over > 1 && !/^(contents|inline)$/.test(getComputedStyle(parent).display)) {
          problems.push(`${describe(element)} sticks out of its container by ${Math.round(over)} px`);
        }
      }
      // A text box scrolls its own value: that is how it works, not a reflow problem.
      if (
        !formControl(element) &&
        style.display !== 'inline' &&
        element.scrollWidth > element.clientWidth + 1
      ) {
        problems.push(
          `${describe(element)} is ${element.scrollWidth - element.clientWidth} px too narrow for its content`,
        );
      }
      const clips = /hidden|clip/.test(style.overflowY) || element.tagName === 'BUTTON';
      if (clips && element.scrollHeight > element.clientHeight + 1) {
        problems.push(
          `${describe(element)} cuts off ${element.scrollHeight - element.clientHeight} px of its content`,
        );
      }
    }

    // A select shows its chosen option on one line and cuts off the rest: the one it shows must fit (the arrow
    // takes about 20 px of the box).
    for (const { element } of shown) {
      if (!(element instanceof HTMLSelectElement)) continue;
      const style = getComputedStyle(element);
      const room =
        element.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd) - 20;
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;';
      for (const property of ['font', 'letter-spacing', 'word-spacing', 'font-feature-settings']) {
        probe.style.setProperty(property, style.getPropertyValue(property), 'important');
      }
      element.after(probe);
      for (const option of Array.from(element.selectedOptions)) {
        probe.textContent = option.text;
        const width = probe.getBoundingClientRect().width;
        if (width > room + 1) {
          problems.push(
            `${describe(element)} cuts off "${option.text}" (${Math.round(width)} px in ${Math.round(room)} px)`,
          );
        }
      }
      probe.remove();
    }

    // Overlap: each element's own text (its line boxes) against other elements' text and every control.
    const lineBoxes = (element: HTMLElement): DOMRect[] => {
      const rects: DOMRect[] = [];
      for (const node of Array.from(element.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE || (node.textContent ?? '').trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0));
      }
      return rects;
    };
    const texts = shown
      .map(({ element }) => ({ element, rects: lineBoxes(element) }))
      .filter(({ element, rects }) => rects.length > 0 && !formControl(element));
    const controls = shown
      .filter(({ element }) => element.matches('input:not([type="hidden"]), select, textarea'))
      .map(({ element }) => ({ element, rects: [element.getBoundingClientRect()] }));
    const overlaps = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const others = [...texts, ...controls];
    for (const [index, text] of texts.entries()) {
      for (const [otherIndex, other] of others.entries()) {
        if (otherIndex < texts.length && otherIndex <= index) continue;
        if (within(text.element, other.element) || within(other.element, text.element)) continue;
        if (text.rects.some((rect) => other.rects.some((near) => overlaps(rect, near)))) {
          problems.push(`the text of ${describe(text.element)} overlaps ${describe(other.element)}`);
        }
      }
    }

    // Every control on screen and not covered once scrolled to: the middle of its box hits it (or its label).
    const deepHit = (x: number, y: number) => {
      let hit: Element | null = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (inner === null || inner === hit) break;
        hit = inner;
      }
      return hit;
    };
    const scrollX = window.scrollX;
    const scrollY = window.scrollY;
    for (const { element } of shown) {
      if (!element.matches('a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]'))
        continue;
      if (element.tabIndex < 0 && !element.matches('a, button, input, select, textarea')) continue;
      element.scrollIntoView({ block: 'center', inline: 'nearest' });
      // A link that wraps is hit on its first line: the middle of its whole box can be beside its text.
      const box = element.getClientRects()[0] ?? element.getBoundingClientRect();
      if (box.width < 1 || box.height < 1 || box.left < -1 || box.right > window.innerWidth + 1) {
        problems.push(
          `${describe(element)} is not on screen (${Math.round(box.left)} to ${Math.round(box.right)} px)`,
        );
        continue;
      }
      const hit = deepHit(
        box.left + box.width / 2,
        Math.max(box.top, 0) + Math.min(box.height, window.innerHeight) / 2,
      );
      const label = hit instanceof HTMLLabelElement && hit.control === element;
      if (hit === null || (!within(hit, element) && !label)) {
        problems.push(`${describe(element)} is under ${hit ? describe(hit) : 'nothing'}`);
      }
    }
    window.scrollTo(scrollX, scrollY);
    return problems;
  });
}
