/**
 * Texts the styled components need that @kyc-kit/core's catalogue does not
 * carry (buttons and headings of the flow). Looked up only when core's
 * translator has nothing for the id, so a partner's `messages` override and a
 * future core entry both win over these.
 */
export const uiMessages = {
  en: {
    'form.back': 'Back',
    'field.ssn.show': 'Show',
    'field.ssn.hide': 'Hide',
    'field.ssn.toggleLabel': 'Show the number as you type',
    'status.loading': 'Loading…',
    'status.retry': 'Try again',
    'onboarding.verifying.title': 'Checking your details',
    'onboarding.done.title': "You're all set",
    'onboarding.unavailable.title': 'We can’t continue',
    'onboarding.exit': 'Finish later',
    'onboarding.close': 'Close',
    'gate.start': 'Continue setup',
    'tos.accept.submit': 'Accept and continue',
    'requirements.title': 'What we still need',
  },
  es: {
    'form.back': 'Atrás',
    'field.ssn.show': 'Mostrar',
    'field.ssn.hide': 'Ocultar',
    'field.ssn.toggleLabel': 'Mostrar el número al escribir',
    'status.loading': 'Cargando…',
    'status.retry': 'Intentar de nuevo',
    'onboarding.verifying.title': 'Estamos revisando sus datos',
    'onboarding.done.title': 'Todo listo',
    'onboarding.unavailable.title': 'No podemos continuar',
    'onboarding.exit': 'Terminar más tarde',
    'onboarding.close': 'Cerrar',
    'gate.start': 'Continuar la configuración',
    'tos.accept.submit': 'Aceptar y continuar',
    'requirements.title': 'Lo que aún necesitamos',
  },
} as const;

/** The id of a text of {@link uiMessages}. */
export type UiMessageId = keyof (typeof uiMessages)['en'];
