import type { OnboardingStatus, SupportContact } from '@kyc-kit/core';
import type { DemoMessageId } from './i18n/demoMessages';
import { useDemoSession } from './useDemoSession';

/** The onboarding page's intro for the flow's state: "needs a few details" only while it does. */
export function onboardingIntroId(status: OnboardingStatus | undefined): DemoMessageId {
  switch (status) {
    case 'verifying':
      return 'onboardingIntroVerifying';
    case 'done':
      return 'onboardingIntroDone';
    case 'unavailable':
      return 'onboardingIntroUnavailable';
    default:
      return 'onboardingIntro';
  }
}

/**
 * Northwind's support contact for the kit's "unavailable" message: its help page, its support
 * address, and a reference of the signed-in account (a tag of the username, never the name).
 */
export function useDemoSupport(): SupportContact {
  const username = useDemoSession().session?.user?.username ?? '';
  let hash = 0x811c9dc5;
  for (let index = 0; index < username.length; index += 1) {
    hash = Math.imul(hash ^ username.charCodeAt(index), 0x01000193) >>> 0;
  }
  return {
    href: 'https://northwind.example/support',
    email: 'support@northwind.example',
    reference: `NW-${hash.toString(36).toUpperCase()}`,
  };
}
