import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { TestPerson } from './journey';
import { flowRoot, settledFlowState } from './journey';

// Measured WCAG 2.2 AA checks that axe does not make: target size (2.5.8), focus visible and not
// obscured (2.4.7, 2.4.11), non-text contrast (1.4.11); reflow with text spacing (1.4.10, 1.4.12) is in reflow.ts.
// Each runs in the page and answers a list of problems in words, so a failure names the element.

/**
 * WCAG's text-spacing bookmarklet: line height 1.5, paragraph spacing 2em, letter spacing 0.12em and
 * word spacing 0.16em, on everything.
 */
export const TEXT_SPACING_CSS =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
  ' p { margin-block-end: 2em !important; }';

/**
 * 2.5.8 Target Size (Minimum): every visible link, button, form control and focusable element is at
 * least 24 by 24 CSS px, or a 24 px circle on its centre touches no other target (the spacing
 * exception). A link inside a sentence is exempt.
 */
export async function undersizedTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]';
    const targets = Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((element) => element.tabIndex >= 0 || element.matches('a, button, input, select'))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ element, box }) => box.width > 0 && getComputedStyle(element).visibility !== 'hidden');
    const inSentence = (element: HTMLElement) =>
      element.tagName === 'A' &&
      getComputedStyle(element).display === 'inline' &&
      (element.parentElement?.textContent ?? '').trim().length > (element.textContent ?? '').trim().length;
    const problems: string[] = [];
    for (const { element, box } of targets) {
      if ((box.width >= 24 && box.height >= 24) || inSentence(element)) continue;
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const crowded = targets.some(({ element: other, box: near }) => {
        if (other === element || other.contains(element) || element.contains(other)) return false;
        // A label of the control is the same target.
        if (other instanceof HTMLLabelElement && other.control === element) return false;
        if (near.width < 24 || near.height < 24) {
          return Math.hypot(near.left + near.width / 2 - x, near.top + near.height / 2 - y) < 24;
        }
        const dx = Math.max(near.left - x, 0, x - near.right);
        const dy = Math.max(near.top - y, 0, y - near.bottom);
        return Math.hypot(dx, dy) < 12;
      });
      if (crowded) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
        problems.push(
          `${element.tagName.toLowerCase()} "${name || element.getAttribute('name')}" is ` +
            `${Math.round(box.width)}x${Math.round(box.height)} px with another target within 24 px`,
        );
      }
    }
    return problems;
  });
}

declare global {
  interface Window {
    /** Set by {@link installContrast}. */
    wcagContrast?: (element: Element, colour: string) => { ratio: number; backdrop: string };
  }
}

/**
 * Puts `window.wcagContrast` in the page, once per document: the WCAG contrast ratio of `colour`
 * against the first opaque background behind `element` (from its parent up; white if none).
 */
async function installContrast(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.wcagContrast !== undefined) return;
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([red = 0, green = 0, blue = 0]: number[]) => {
      const linear = (channel: number) => {
        const value = channel / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
    };
    window.wcagContrast = (element, colour) => {
      let backdrop = 'rgb(255, 255, 255)';
      for (let node = element.parentElement; node; node = node.parentElement) {
        const background = getComputedStyle(node).backgroundColor;
        const alpha = rgb(background)[3];
        if (background !== 'transparent' && (alpha === undefined || alpha > 0.5)) {
          backdrop = background;
          break;
        }
      }
      const [lighter = 0, darker = 0] = [luminance(rgb(colour)), luminance(rgb(backdrop))].sort(
        (a, b) => b - a,
      );
      return { ratio: (lighter + 0.05) / (darker + 0.05), backdrop };
    };
  });
}

/** What a focus check found on the focused element, or null when focus is on `<body>` or nowhere. */
export interface FocusCheck {
  /** The element, in words: tag, name or text. */
  what: string;
  /** Problems with its focus indicator or its visibility; empty when it is sound. */
  problems: string[];
}

/**
 * 2.4.7 Focus Visible, 2.4.11 Focus Not Obscured and 1.4.11 for the ring: the focused element draws
 * an outline at least 2 px wide in a colour of 3:1 against the background behind it, and it is on
 * screen and the middle of its top (of its part on screen) is not under another element (a sticky banner,
 * a panel).
 */
export async function checkFocus(page: Page): Promise<FocusCheck | null> {
  await installContrast(page);
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || focused === document.body) return null;
    const contrast = window.wcagContrast;
    if (contrast === undefined) throw new Error('installContrast did not run in this page');
    const style = getComputedStyle(focused);
    const what = `${focused.tagName.toLowerCase()} "${
      focused.getAttribute('name') ??
      (focused.getAttribute('aria-label') ?? focused.textContent ?? '').trim().slice(0, 40)
    }"`;
    const problems: string[] = [];
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
      problems.push(`no visible focus outline (${style.outlineStyle} ${style.outlineWidth})`);
    } else {
      // Against what is behind the element: the ring is drawn outside it.
      const { ratio, backdrop } = contrast(focused, style.outlineColor);
      if (ratio < 3)
        problems.push(`focus outline ${style.outlineColor} on ${backdrop} is ${ratio.toFixed(2)}:1`);
    }
    // The part of the element on screen: one taller than the viewport (the Terms on a phone) shows only a part.
    const box = focused.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    const left = Math.max(box.left, 0);
    const right = Math.min(box.right, window.innerWidth);
    const x = (left + right) / 2;
    const y = top + Math.min((bottom - top) / 2, 12);
    if (bottom <= top || right <= left) {
      problems.push('off screen');
    } else {
      const hit = document.elementFromPoint(x, y);
      const covered =
        hit !== null &&
        hit !== focused &&
        !focused.contains(hit) &&
        !(hit instanceof HTMLLabelElement && hit.control === focused);
      if (covered) problems.push(`under ${hit.tagName.toLowerCase()}.${hit.className}`);
    }
    return { what, problems };
  });
}

/** A common small phone: 2.5.8's targets are measured at this width as well as on a desktop. */
export const SMALL_PHONE = { width: 375, height: 740 } as const;

/**
 * 2.4.11 Focus Not Obscured backwards: from the last Tab stop inside `root`, Shift+Tab to each earlier one
 * until focus leaves `root`, checking each with {@link checkFocus}. Shift+Tab scrolls a control to the top
 * of the viewport, where a sticky header would hide it; Tab forwards (the keyboard walk) scrolls it to the
 * bottom, where a sticky footer would. Focus ends just before `root`, so a Tab enters it at its first stop.
 */
export async function focusProblemsBackwards(page: Page, root: Locator): Promise<string[]> {
  const problems: string[] = [];
  const focusedLast = await root.evaluate((element) => {
    const stops = Array.from(
      element.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'),
    ).filter(
      (stop) =>
        stop.tabIndex >= 0 &&
        !stop.matches(':disabled') &&
        stop.getClientRects().length > 0 &&
        getComputedStyle(stop).visibility !== 'hidden',
    );
    stops.at(-1)?.focus();
    return stops.length > 0;
  });
  if (!focusedLast) return problems;
  for (let presses = 0; presses < 60; presses += 1) {
    const check = await checkFocus(page);
    if (check === null) {
      problems.push('Shift+Tab left focus on <body>');
      break;
    }
    if (!(await root.evaluate((element) => element.contains(document.activeElement)))) break;
    if (check.problems.length > 0) problems.push(`Shift+Tab to ${check.what}: ${check.problems.join(', ')}`);
    await page.keyboard.press('Shift+Tab');
  }
  return problems;
}

/**
 * 1.4.11 Non-text Contrast: the border of every visible text box and select is 3:1 against the
 * background around it (so the box can be found), in whatever theme and state the page is in.
 */
export async function faintInputBorders(page: Page): Promise<string[]> {
  await installContrast(page);
  return page.evaluate(() => {
    const contrast = window.wcagContrast;
    if (contrast === undefined) throw new Error('installContrast did not run in this page');
    const problems: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'main input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), main select',
    );
    for (const control of Array.from(controls)) {
      if (control.getClientRects().length === 0) continue;
      const border = getComputedStyle(control).borderTopColor;
      const { ratio, backdrop } = contrast(control, border);
      if (ratio < 3) {
        problems.push(
          `${control.getAttribute('name') ?? control.id}: border ${border} on ${backdrop}, ${ratio.toFixed(2)}:1`,
        );
      }
    }
    return problems;
  });
}

/** The values typed or chosen by keyboard: a select takes the visible option text, by type-ahead. */
function keyboardValues(person: TestPerson): Record<string, string> {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    'dateOfBirth.day': person.dateOfBirth.day,
    'dateOfBirth.month': person.dateOfBirth.month,
    'dateOfBirth.year': person.dateOfBirth.year,
    fullSsn: person.fullSsn,
    addressLine1: person.addressLine1,
    addressCity: person.addressCity,
    addressSubdivision: 'Illinois',
    addressPostalCode: person.addressPostalCode,
    citizenship: 'United States',
    purposeOfAccount: 'Investing',
    sourceOfFunds: 'Salary',
    email: person.email,
    'phoneNumber.number': person.phoneNumber,
  };
}

/** The focused element, as the keyboard walk needs it. */
interface Focused {
  name: string;
  tag: string;
  /** The step form's submit button. */
  isStepSubmit: boolean;
  /** The review's confirming button (its last). */
  isReviewConfirm: boolean;
  /** The Terms' acceptance box, and their submit button. */
  isTermsBox: boolean;
  isTermsSubmit: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement ?? document.body;
    const reviewButtons = document.querySelectorAll('main [data-step="review"] button');
    const termsForm = document.querySelector('main [data-state="terms"] form');
    return {
      name: element.getAttribute('name') ?? '',
      tag: element.tagName.toLowerCase(),
      isStepSubmit: element.matches('main form[aria-labelledby] button[type="submit"]'),
      isReviewConfirm: reviewButtons.length > 0 && reviewButtons[reviewButtons.length - 1] === element,
      isTermsBox:
        termsForm !== null && element.matches('input[type="checkbox"]') && termsForm.contains(element),
      isTermsSubmit:
        termsForm !== null && element.matches('button[type="submit"]') && termsForm.contains(element),
    };
  });
}

/**
 * Completes the onboarding on screen with the keyboard alone: Tab to each field and type (type-ahead
 * in a select), Enter on Continue, Tab and Enter on the review, Space on the Terms' box, Enter to
 * accept. At every Tab stop the focus is checked with {@link checkFocus}; it must never fall to
 * `<body>` when a step gives way to the next. Returns the focus problems found, and the screens seen.
 */
export async function completeWithKeyboard(
  page: Page,
  person: TestPerson,
  options: {
    /** Runs on each screen as it appears, before any key is pressed on it. */
    onScreen?: (screen: string) => Promise<void>;
    /**
     * On the Terms, submit once without ticking the box first: focus must move to the box, which
     * says it is invalid and is described by the error (3.3.1), before it is ticked.
     */
    submitTermsUnticked?: boolean;
  } = {},
): Promise<{ screens: string[]; focusProblems: string[] }> {
  const values = keyboardValues(person);
  const screens: string[] = [];
  const focusProblems: string[] = [];
  const press = async (key: string) => {
    await page.keyboard.press(key);
    if (key !== 'Tab') return;
    const check = await checkFocus(page);
    if (check === null) focusProblems.push(`${screens.at(-1)}: Tab left focus on <body>`);
    else if (check.problems.length > 0)
      focusProblems.push(`${screens.at(-1)}: ${check.what} ${check.problems.join(', ')}`);
  };
  for (let guard = 0; guard < 12; guard += 1) {
    const state = await settledFlowState(page);
    if (state !== 'collect' && state !== 'review' && state !== 'terms') return { screens, focusProblems };
    const step = await page.evaluate(() =>
      document.querySelector('main [data-step]')?.getAttribute('data-step'),
    );
    screens.push(state === 'collect' ? (step ?? 'collect') : state);
    if (state === 'terms') await expect(page.locator('main input[type="checkbox"]').last()).toBeEnabled();
    await options.onScreen?.(screens.at(-1) ?? '');
    let tickLater = state === 'terms' && options.submitTermsUnticked === true;
    const before = await flowRoot(page).evaluate(
      (root) =>
        `${root.getAttribute('data-state')}|${Array.from(root.querySelectorAll('[name]'), (element) => element.getAttribute('name')).join()}`,
    );
    const typed = new Set<string>();
    let done = false;
    for (let presses = 0; presses < 60 && !done; presses += 1) {
      await press('Tab');
      const now = await focused(page);
      const value = values[now.name];
      if (value !== undefined && !typed.has(now.name)) {
        typed.add(now.name);
        if (now.tag === 'input') await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(value);
      } else if (now.isTermsBox && !tickLater) {
        await page.keyboard.press('Space');
      } else if (now.isTermsSubmit && tickLater) {
        tickLater = false;
        await page.keyboard.press('Enter');
        const box = page.locator('main input[type="checkbox"]').last();
        await expect(box, 'a submit without the box moves focus to the box').toBeFocused();
        await expect(box).toHaveAttribute('aria-invalid', 'true');
        const errorId = (await box.getAttribute('aria-describedby')) ?? '';
        await expect(page.locator(`[id="${errorId}"]`)).toBeVisible();
        await page.keyboard.press('Space');
      } else if (now.isStepSubmit || now.isReviewConfirm || now.isTermsSubmit) {
        await page.keyboard.press('Enter');
        done = true;
      }
    }
    if (!done) throw new Error(`Tab never reached the way on from ${screens.at(-1)}`);
    await expect
      .poll(() =>
        flowRoot(page).evaluate(
          (root) =>
            `${root.getAttribute('data-state')}|${Array.from(root.querySelectorAll('[name]'), (element) => element.getAttribute('name')).join()}`,
        ),
      )
      .not.toBe(before);
    // The step that had focus is gone: focus went to the new heading (or stayed in the flow), never to <body>.
    await expect
      .poll(() => page.evaluate(() => document.activeElement !== document.body), {
        message: `focus fell to <body> after ${screens.at(-1)}`,
      })
      .toBe(true);
  }
  throw new Error(`The flow never left its steps: ${screens.join(', ')}`);
}
