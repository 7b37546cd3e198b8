import { describe, expect, it } from 'vitest';
import { formatDemoMessage } from './i18n/demoMessages';
import { onboardingIntroId } from './onboardingPageCopy';

describe('the onboarding page intro', () => {
  it('says "needs a few details" only while the flow asks for them, in English and Spanish', () => {
    const intro = (state: Parameters<typeof onboardingIntroId>[0], locale: 'en' | 'es' = 'en') =>
      formatDemoMessage(locale, onboardingIntroId(state), { capability: 'Hold US dollars' });
    expect(intro('collect')).toBe('Northwind Wallet needs a few details to unlock Hold US dollars.');
    expect(intro('terms')).toBe('Northwind Wallet needs a few details to unlock Hold US dollars.');
    expect(intro('unavailable')).toBe('Northwind Wallet can’t unlock Hold US dollars for this account.');
    expect(intro('done')).toBe('Hold US dollars is ready to use.');
    expect(intro('unavailable', 'es')).toBe(
      'Northwind Wallet no puede habilitar Hold US dollars para esta cuenta.',
    );
  });
});
