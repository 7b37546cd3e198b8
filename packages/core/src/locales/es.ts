/**
 * @kyc-kit/core/locales/es: the Spanish catalogue, an entry point of its own
 * so that apps in English never download it (it is about as large as the rest
 * of core's browser code). Pass it as `messages` with `locale="es"`; a
 * partner's own wording spreads over it.
 *
 * @example
 * import { es } from '@kyc-kit/core/locales/es';
 * <KycKitProvider client={client} locale="es" messages={es}>
 *   <Onboarding capability="custodyFiat" />
 * </KycKitProvider>
 */
export { es } from '../messages/es';
