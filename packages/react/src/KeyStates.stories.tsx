import { createTranslator } from '@kyc-kit/core';
import type { MessageId } from '@kyc-kit/core';
import { es } from '@kyc-kit/core/locales/es';
import type { KycKitStoryParameters } from '@kyc-kit/testing/storybook';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { Onboarding } from './components/Onboarding';

/**
 * The flow's key states in dark, in Spanish and on a 320 px phone, each pinned
 * with the toolbar's own `globals` (as a reader switches them in the toolbar),
 * so the story tests run every state in every mode, axe included.
 */
const meta = {
  title: 'Flows/Key states',
  component: Onboarding,
  args: {
    capability: 'custodyFiat',
    liveUpdates: false,
    onComplete: fn(),
    onStepChange: fn(),
    onEvent: fn(),
  },
  parameters: { kycKit: { fixture: 'pendingNew' } },
  // 27 variants of stories shown elsewhere: no Docs page of their own.
  tags: ['!autodocs'],
} satisfies Meta<typeof Onboarding>;

export default meta;
type Story = StoryObj<typeof meta>;

type Mode = 'dark' | 'spanish' | 'phone';

const GLOBALS: Record<Mode, Record<string, unknown>> = {
  dark: { theme: 'dark' },
  spanish: { locale: 'es' },
  phone: { viewport: { value: 'phone320', isRotated: false } },
};

/** The relative luminance of a CSS `rgb()` colour (WCAG's formula). */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * One state in one mode: the state's text shows (in Spanish when asked), then
 * the mode holds: a dark backdrop, or nothing wider than 320 px.
 */
function keyState(
  mode: Mode,
  kycKit: KycKitStoryParameters,
  textId: MessageId,
  act?: (canvas: ReturnType<typeof within>) => Promise<void>,
): Story {
  return {
    parameters: { kycKit },
    globals: GLOBALS[mode],
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      const t = createTranslator(mode === 'spanish' ? 'es' : 'en', mode === 'spanish' ? es : undefined);
      await act?.(canvas);
      const text = t(textId);
      await expect((await canvas.findAllByText((content) => content.includes(text)))[0]).toBeVisible();
      const root = canvasElement.querySelector<HTMLElement>('.kyc-root');
      if (root === null) throw new Error('no kit root rendered');
      if (mode === 'dark') await expect(luminance(getComputedStyle(root).backgroundColor)).toBeLessThan(0.05);
      if (mode === 'spanish') await expect(root.closest('[lang]')?.getAttribute('lang')).toBe('es');
      if (mode === 'phone') {
        await expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(320);
        await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
      }
    },
  };
}

const failSubmit = async (canvas: ReturnType<typeof within>) => {
  await userEvent.click(await canvas.findByRole('button', { name: /^(Continue|Continuar)$/ }));
  const summary = await canvas.findByRole('alert');
  await waitFor(() => expect(summary).toHaveFocus());
};

const firstStep: KycKitStoryParameters = { fixture: 'pendingNew' };
const rejected: KycKitStoryParameters = { fixture: 'pendingRejected' };
const terms: KycKitStoryParameters = { fixture: 'pendingTerms' };
const verifying: KycKitStoryParameters = { fixture: 'pendingVerifying' };
const done: KycKitStoryParameters = { fixture: 'active' };
const unavailable: KycKitStoryParameters = { fixture: 'inactive' };

export const FirstStepDark = keyState('dark', firstStep, 'step.personal.title');
export const FirstStepSpanish = keyState('spanish', firstStep, 'step.personal.title');
export const FirstStepPhone = keyState('phone', firstStep, 'step.personal.title');

export const FailedSubmitDark = keyState('dark', firstStep, 'form.errorSummary.title', failSubmit);
export const FailedSubmitSpanish = keyState('spanish', firstStep, 'form.errorSummary.title', failSubmit);
export const FailedSubmitPhone = keyState('phone', firstStep, 'form.errorSummary.title', failSubmit);

export const RejectedDark = keyState('dark', rejected, 'field.rejected');
export const RejectedSpanish = keyState('spanish', rejected, 'field.rejected');
export const RejectedPhone = keyState('phone', rejected, 'field.rejected');

export const TermsDark = keyState('dark', terms, 'field.tos.accept');
export const TermsSpanish = keyState('spanish', terms, 'field.tos.accept');
export const TermsPhone = keyState('phone', terms, 'field.tos.accept');

export const VerifyingDark = keyState('dark', verifying, 'onboarding.verifying.title');
export const VerifyingSpanish = keyState('spanish', verifying, 'onboarding.verifying.title');
export const VerifyingPhone = keyState('phone', verifying, 'onboarding.verifying.title');

export const DoneDark = keyState('dark', done, 'onboarding.done.title');
export const DoneSpanish = keyState('spanish', done, 'onboarding.done.title');
export const DonePhone = keyState('phone', done, 'onboarding.done.title');

export const UnavailableDark = keyState('dark', unavailable, 'onboarding.unavailable.title');
export const UnavailableSpanish = keyState('spanish', unavailable, 'onboarding.unavailable.title');
export const UnavailablePhone = keyState('phone', unavailable, 'onboarding.unavailable.title');
