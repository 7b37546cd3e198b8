import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/**
 * A fictional person. Every value is made up; the SSN is in a range never
 * issued, and the phone number is libphonenumber's own US example.
 */
export interface TestPerson {
  firstName: string;
  lastName: string;
  dateOfBirth: { day: string; month: string; year: string };
  fullSsn: string;
  addressLine1: string;
  addressCity: string;
  addressSubdivision: string;
  addressPostalCode: string;
  purposeOfAccount: string;
  sourceOfFunds: string;
  citizenship: string;
  employmentStatus: string;
  occupation: string;
  expectedVolume: string;
  email: string;
  phoneNumber: string;
}

/** The SSN the sandbox rejects at verification (its README's magic value). */
export const REJECTED_SSN = '000-00-0000';

/** The last name the sandbox sanctions: every capability ends inactive. */
export const SANCTIONED_LAST_NAME = 'Sanctioned';

/** A new fictional person; `overrides` reach the sandbox's magic paths. */
export function testPerson(overrides: Partial<TestPerson> = {}): TestPerson {
  return {
    firstName: 'Ada',
    lastName: 'Quill',
    dateOfBirth: { day: '27', month: '3', year: '1990' },
    fullSsn: '123-45-6789',
    addressLine1: '42 Harbor Lane',
    addressCity: 'Springfield',
    addressSubdivision: 'IL',
    addressPostalCode: '62704',
    purposeOfAccount: 'investing',
    sourceOfFunds: 'salary',
    citizenship: 'US',
    employmentStatus: 'employed_fulltime',
    occupation: 'technology',
    expectedVolume: '1k_to_10k',
    email: 'ada.quill@example.com',
    phoneNumber: '2015550123',
    ...overrides,
  };
}

/** Every value of a person as typed, to look for in storage, URLs and logs. */
export function typedValues(person: TestPerson): string[] {
  return [
    person.firstName,
    person.lastName,
    person.fullSsn,
    person.fullSsn.replace(/-/g, ''),
    person.addressLine1,
    person.addressCity,
    person.addressPostalCode,
    person.email,
    person.phoneNumber,
    `${person.dateOfBirth.year}-`,
  ];
}

/** Makes a username no earlier test used, so each test starts with no customer. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toLowerCase();
}

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughPage(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet' })).toBeVisible();
}

/** Signs in with the demo's session API (sets the HttpOnly cookie on the browser context). */
export async function signInWithApi(page: Page, username: string): Promise<void> {
  const response = await page.request.post('/api/demo/session', { data: { username } });
  expect(response.ok()).toBe(true);
}

/** The kit's onboarding region on the page (the styled flow or the plain-HTML one). */
export function onboardingRegion(page: Page): Locator {
  return page.locator('main');
}

/** The heading of the current form step (a level-2 heading that labels the form). */
export function stepHeading(page: Page): Locator {
  return page.locator('main form[aria-labelledby]').first();
}

async function fillIfPresent(page: Page, name: string, value: string): Promise<boolean> {
  const control = page.locator(`main [name="${name}"]`);
  if ((await control.count()) === 0) return false;
  const tag = await control.first().evaluate((element) => element.tagName.toLowerCase());
  if (tag === 'select') await control.first().selectOption(value);
  else await control.first().fill(value);
  return true;
}

/**
 * Fills whichever of the person's fields the current step shows, found by
 * their form names (the requirement keys) so the same helper works in every
 * language. Returns the names it filled.
 */
export async function fillCurrentStep(page: Page, person: TestPerson): Promise<string[]> {
  const filled: string[] = [];
  const text: [string, string][] = [
    ['firstName', person.firstName],
    ['lastName', person.lastName],
    ['dateOfBirth.day', person.dateOfBirth.day],
    ['dateOfBirth.month', person.dateOfBirth.month],
    ['dateOfBirth.year', person.dateOfBirth.year],
    ['fullSsn', person.fullSsn],
    ['addressLine1', person.addressLine1],
    ['addressCity', person.addressCity],
    ['addressSubdivision', person.addressSubdivision],
    ['addressPostalCode', person.addressPostalCode],
    ['purposeOfAccount', person.purposeOfAccount],
    ['sourceOfFunds', person.sourceOfFunds],
    ['citizenship', person.citizenship],
    ['employmentStatus', person.employmentStatus],
    ['occupation', person.occupation],
    ['expectedVolume', person.expectedVolume],
    ['email', person.email],
    ['phoneNumber.number', person.phoneNumber],
  ];
  for (const [name, value] of text) {
    if (await fillIfPresent(page, name, value)) filled.push(name);
  }
  return filled;
}

/** The names of the form controls on the current step, in page order. */
export async function currentFieldNames(page: Page): Promise<string[]> {
  return page
    .locator('main form [name]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('name') ?? ''));
}

/** The states of the onboarding flow, as `data-state` on its root element. */
export type FlowState =
  'loading' | 'collect' | 'review' | 'terms' | 'verifying' | 'done' | 'unavailable' | 'error';

/** The flow's root: the first element in `<main>` that carries the flow's state. */
export function flowRoot(page: Page): Locator {
  return page.locator('main [data-state]').first();
}

/** Waits until the flow has left `loading` and answers the state it settled in. */
export async function settledFlowState(page: Page): Promise<FlowState> {
  await expect(flowRoot(page)).not.toHaveAttribute('data-state', 'loading');
  return (await flowRoot(page).getAttribute('data-state')) as FlowState;
}

/** The id of the form step on screen (`personal`, `address`, ...), if any. */
export async function currentStepId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('main [data-step]')?.getAttribute('data-step') ?? null);
}

/**
 * The first step came back with what a draft keeps: the names typed before, and no date of birth
 * (sensitive, never written to browser storage).
 */
export async function expectPersonalStepFromDraft(page: Page, person: TestPerson): Promise<void> {
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentStepId(page)).toBe('personal');
  await expect(page.locator('main [name="firstName"]')).toHaveValue(person.firstName);
  await expect(page.locator('main [name="lastName"]')).toHaveValue(person.lastName);
  await expect(page.locator('main [name="dateOfBirth.year"]')).toHaveValue('');
}

/**
 * Where the flow is: its state, the step on screen and that step's fields,
 * read in one go so a step leaving the page mid-read cannot stall the read.
 */
async function flowPosition(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const state = main?.querySelector('[data-state]')?.getAttribute('data-state') ?? '';
    const step = main?.querySelector('[data-step]')?.getAttribute('data-step') ?? '';
    const names = Array.from(main?.querySelectorAll('form [name]') ?? []).map((element) =>
      element.getAttribute('name'),
    );
    return `${state}|${step}|${names.join()}`;
  });
}

/**
 * Submits the current form step and waits for the flow to move past it: to
 * another step, to the same section asking other questions (OMS asks its
 * own extra ones after the first save), or to another state.
 */
export async function submitStep(page: Page): Promise<void> {
  const before = await flowPosition(page);
  await page.locator('main form[aria-labelledby] button[type="submit"]').click();
  await expect.poll(() => flowPosition(page), { message: `the flow stayed at ${before}` }).not.toBe(before);
}

/** The review step ("Check your answers") on screen, styled or headless. */
export function reviewStep(page: Page): Locator {
  return page.locator('main [data-step="review"]');
}

/** Confirms the review with its last button (Continue, in any language) and waits for the Terms or what follows. */
export async function confirmReview(page: Page): Promise<void> {
  await reviewStep(page).locator('button').last().click();
  await expect(flowRoot(page)).not.toHaveAttribute('data-state', 'review');
}

/** Waits for the Terms of Service document, ticks the box and accepts. */
export async function acceptTerms(page: Page): Promise<void> {
  const checkbox = page.locator('main input[type="checkbox"]').last();
  // The box stays disabled until the document itself is on screen.
  await expect(checkbox).toBeEnabled();
  await checkbox.check();
  await page.locator('main button[type="submit"]').last().click();
  await expect(flowRoot(page)).not.toHaveAttribute('data-state', 'terms');
}

/** What {@link completeOnboarding} saw on its way. */
export interface JourneyRecord {
  /** The form steps in the order they were shown. */
  steps: string[];
  /** The field names of each step, by step id. */
  fields: Record<string, string[]>;
  /** Whether a Terms of Service step was shown. */
  sawTerms: boolean;
  /** Whether the review step ("Check your answers") was shown. */
  sawReview: boolean;
  /** The state the flow ended in (verifying, done or unavailable). */
  finalState: FlowState;
}

/**
 * Walks the onboarding flow already on screen: fills and submits each form
 * step, confirms the review, accepts the Terms of Service, and returns once the flow leaves
 * them (verifying, done, unavailable or error).
 */
export async function completeOnboarding(
  page: Page,
  person: TestPerson,
  options: {
    /** Runs on every screen as it first appears, before anything is typed (screenshots, axe scans). */
    onScreen?: (screen: string) => Promise<void>;
    /** Stops before filling a step this returns true for; the record's final state is then `collect`. */
    stopAt?: (stepId: string, fieldNames: string[], record: JourneyRecord) => boolean;
  } = {},
): Promise<JourneyRecord> {
  const onScreen = options.onScreen ?? (async () => undefined);
  const record: JourneyRecord = {
    steps: [],
    fields: {},
    sawTerms: false,
    sawReview: false,
    finalState: 'loading',
  };
  for (let guard = 0; guard < 12; guard += 1) {
    const state = await settledFlowState(page);
    if (state === 'collect') {
      const stepId = (await currentStepId(page)) ?? 'unknown';
      const fieldNames = await currentFieldNames(page);
      if (options.stopAt?.(stepId, fieldNames, record)) {
        record.finalState = 'collect';
        return record;
      }
      record.steps.push(stepId);
      record.fields[stepId] = [...(record.fields[stepId] ?? []), ...fieldNames];
      await onScreen(stepId);
      await fillCurrentStep(page, person);
      await submitStep(page);
    } else if (state === 'review') {
      record.sawReview = true;
      await expect(reviewStep(page)).toBeVisible();
      await onScreen('review');
      await confirmReview(page);
    } else if (state === 'terms') {
      record.sawTerms = true;
      await expect(
        page.locator('main [role="region"][aria-labelledby], main [role="document"]').first(),
      ).toBeVisible();
      await onScreen('terms');
      await acceptTerms(page);
    } else {
      record.finalState = state;
      return record;
    }
  }
  throw new Error(`The flow never left its steps: ${record.steps.join(', ')}`);
}
