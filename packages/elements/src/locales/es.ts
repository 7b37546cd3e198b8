/**
 * The Spanish catalogue for the elements, as a module of its own (`dist/locales/es.js`) for pages with no build
 * step, so that pages in English never download it:
 *
 *     import { es } from '/kyc-kit/locales/es.js';
 *     const onboarding = document.querySelector('kyc-onboarding');
 *     onboarding.messages = es;
 *     onboarding.locale = 'es';
 */
export { es } from '@kyc-kit/core/locales/es';
