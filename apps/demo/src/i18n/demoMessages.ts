/** The locales the demo's own words come in; the kit's components bring their own catalogue. */
export type DemoLocale = 'en' | 'es';

/** Northwind Wallet's own words (the kit's messages live in @kyc-kit/core). */
export const demoMessages = {
  en: {
    appName: 'Northwind Wallet',
    skipToContent: 'Skip to main content',
    primaryNavigation: 'Main',
    navHome: 'Home',
    navOnboarding: 'Verify identity',
    navHeadless: 'Verify (plain HTML)',
    navStorybook: 'Component catalogue',
    footer:
      'Northwind Wallet is fictional: a demo of kyc-kit. No real money or identity checks are involved.',
    preferences: 'Display preferences',
    theme: 'Theme',
    themeLight: 'Light',
    themeDark: 'Dark',
    language: 'Language',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {username}',
    signInTitle: 'Sign in to Northwind Wallet',
    signInIntro:
      'This is a demo: any username creates a demo account. Do not enter real personal details anywhere in this app.',
    username: 'Username',
    usernameHint: 'Letters, digits, dots, dashes or underscores, up to 40.',
    usernameError: 'Enter a username of up to 40 letters, digits, dots, dashes or underscores.',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signInFailed: 'We could not sign you in. Check your connection and try again.',
    signInLimited:
      'Sorry, there have been too many sign-ins from your network just now. Please wait a minute, then try again.',
    sessionEnded:
      'Your session ended. Sign in again to carry on where you left off: names, contact and account details you typed are kept, but your date of birth, Social Security number and address are never kept in the browser, so you will type them again.',
    homeTitle: 'Your wallet',
    homeIntro: 'What you can do with Northwind Wallet depends on the identity checks each feature needs.',
    capabilitiesTitle: 'Features and their status',
    actionsTitle: 'Actions',
    verifyFor: 'Verify identity for {capability}',
    continueVerification: 'Continue verification',
    actionBuyCrypto: 'Buy crypto',
    actionSendMoney: 'Send money',
    actionHoldDollars: 'Hold US dollars',
    actionDone: '{action}: ready. This demo stops here; no money moves.',
    onboardingTitle: 'Verify your identity',
    onboardingIntro: 'Northwind Wallet needs a few details to unlock {capability}.',
    onboardingIntroVerifying: 'Northwind Wallet is checking your details for {capability}.',
    onboardingIntroDone: '{capability} is ready to use.',
    onboardingIntroUnavailable: 'Northwind Wallet can’t unlock {capability} for this account.',
    headlessTitle: 'Verify your identity (plain HTML)',
    headlessIntro:
      'The same journey built with the headless kyc-kit hooks and plain HTML elements only, without the styled components.',
    chooseCapability: 'Feature to unlock',
    backHome: 'Back to your wallet',
    doneAction: 'Go to {capability}',
    notFoundTitle: 'Page not found',
    notFoundBody: 'There is no page at this address.',
    loading: 'Loading…',
    back: 'Back',
    retry: 'Try again',
    sandboxTitle: 'Sandbox controls',
    sandboxNotice:
      'For testing only. This panel is not part of Northwind Wallet: it drives the simulated compliance provider.',
    sandboxCapability: 'Capability',
    sandboxStatus: 'Status',
    sandboxForce: 'Force status',
    sandboxAdvance: 'Finish verification now',
    sandboxPublishTos: 'Publish a new Terms of Service version',
    sandboxDone: 'Done. The page updates on its own.',
    sandboxFailed: 'The sandbox refused: {message}',
    sandboxNoCustomer: 'Start verification first: there is no customer for this user yet.',
    menu: 'Menu',
    sandboxMagicTitle: 'Test values',
    sandboxMagicSsn: 'SSN 000-00-0000 is rejected.',
    sandboxMagicPostalCode: 'ZIP code 00000 is rejected.',
    sandboxMagicBirthYear: 'A date of birth in 1900 is rejected.',
    sandboxMagicLastName: 'Last name "Sanctioned" ends as unavailable.',
    sandboxMagicFirstName: 'First name "Slow" stays in review until you finish verification here.',
  },
  es: {
    appName: 'Northwind Wallet',
    skipToContent: 'Saltar al contenido principal',
    primaryNavigation: 'Principal',
    navHome: 'Inicio',
    navOnboarding: 'Verificar identidad',
    navHeadless: 'Verificar (HTML simple)',
    navStorybook: 'Catálogo de componentes',
    footer:
      'Northwind Wallet es ficticia: una demostración de kyc-kit. No hay dinero real ni comprobaciones de identidad reales.',
    preferences: 'Preferencias de visualización',
    theme: 'Tema',
    themeLight: 'Claro',
    themeDark: 'Oscuro',
    language: 'Idioma',
    signOut: 'Cerrar sesión',
    signedInAs: 'Sesión iniciada como {username}',
    signInTitle: 'Inicie sesión en Northwind Wallet',
    signInIntro:
      'Esto es una demostración: cualquier nombre de usuario crea una cuenta de prueba. No escriba datos personales reales en esta aplicación.',
    username: 'Nombre de usuario',
    usernameHint: 'Letras, dígitos, puntos, guiones o guiones bajos; hasta 40.',
    usernameError:
      'Escriba un nombre de usuario de hasta 40 letras, dígitos, puntos, guiones o guiones bajos.',
    signIn: 'Iniciar sesión',
    signingIn: 'Iniciando sesión…',
    signInFailed: 'No pudimos iniciar su sesión. Revise su conexión e inténtelo de nuevo.',
    signInLimited:
      'Lo sentimos: ha habido demasiados inicios de sesión desde su red en este momento. Espere un minuto e inténtelo de nuevo.',
    sessionEnded:
      'Su sesión terminó. Inicie sesión de nuevo para seguir donde lo dejó: se conservan los nombres y los datos de contacto y de la cuenta que escribió, pero su fecha de nacimiento, su número de Seguro Social y su dirección nunca se guardan en el navegador, así que tendrá que escribirlos de nuevo.',
    homeTitle: 'Su billetera',
    homeIntro:
      'Lo que puede hacer con Northwind Wallet depende de las comprobaciones de identidad que necesita cada función.',
    capabilitiesTitle: 'Funciones y su estado',
    actionsTitle: 'Acciones',
    verifyFor: 'Verificar identidad para {capability}',
    continueVerification: 'Continuar la verificación',
    actionBuyCrypto: 'Comprar cripto',
    actionSendMoney: 'Enviar dinero',
    actionHoldDollars: 'Guardar dólares',
    actionDone: '{action}: listo. La demostración termina aquí; no se mueve dinero.',
    onboardingTitle: 'Verifique su identidad',
    onboardingIntro: 'Northwind Wallet necesita algunos datos para habilitar {capability}.',
    onboardingIntroVerifying: 'Northwind Wallet está revisando sus datos para {capability}.',
    onboardingIntroDone: '{capability} está listo para usar.',
    onboardingIntroUnavailable: 'Northwind Wallet no puede habilitar {capability} para esta cuenta.',
    headlessTitle: 'Verifique su identidad (HTML simple)',
    headlessIntro:
      'El mismo recorrido construido solo con los hooks sin estilos de kyc-kit y elementos HTML simples, sin los componentes con estilo.',
    chooseCapability: 'Función que desea habilitar',
    backHome: 'Volver a su billetera',
    doneAction: 'Ir a {capability}',
    notFoundTitle: 'Página no encontrada',
    notFoundBody: 'No hay ninguna página en esta dirección.',
    loading: 'Cargando…',
    back: 'Atrás',
    retry: 'Intentar de nuevo',
    sandboxTitle: 'Controles del sandbox',
    sandboxNotice:
      'Solo para pruebas. Este panel no forma parte de Northwind Wallet: controla el proveedor de cumplimiento simulado.',
    sandboxCapability: 'Capacidad',
    sandboxStatus: 'Estado',
    sandboxForce: 'Forzar estado',
    sandboxAdvance: 'Terminar la verificación ahora',
    sandboxPublishTos: 'Publicar una nueva versión de los Términos del servicio',
    sandboxDone: 'Hecho. La página se actualiza sola.',
    sandboxFailed: 'El sandbox lo rechazó: {message}',
    sandboxNoCustomer: 'Primero empiece la verificación: este usuario aún no tiene cliente.',
    menu: 'Menú',
    sandboxMagicTitle: 'Valores de prueba',
    sandboxMagicSsn: 'El SSN 000-00-0000 se rechaza.',
    sandboxMagicPostalCode: 'El código postal 00000 se rechaza.',
    sandboxMagicBirthYear: 'Una fecha de nacimiento en 1900 se rechaza.',
    sandboxMagicLastName: 'El apellido "Sanctioned" termina como no disponible.',
    sandboxMagicFirstName: 'El nombre "Slow" queda en revisión hasta que termine la verificación aquí.',
  },
} as const satisfies Record<DemoLocale, Record<string, string>>;

/** The id of one of the demo's own messages. */
export type DemoMessageId = keyof (typeof demoMessages)['en'];

// Both catalogues must have the same keys: this line fails to compile otherwise.
demoMessages.es satisfies Record<DemoMessageId, string>;

/** Looks up a demo message and fills its `{name}` placeholders. */
export function formatDemoMessage(
  locale: DemoLocale,
  id: DemoMessageId,
  params: Record<string, string> = {},
): string {
  return demoMessages[locale][id].replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
}
