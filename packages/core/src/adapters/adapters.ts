import type { ProviderName } from '../model';
import { coinbaseAdapter, type ProviderAdapter } from './coinbaseAdapter';
import { omsAdapter } from './omsAdapter';

/** The adapter of each provider, by name. */
export const adapters: Readonly<Record<ProviderName, ProviderAdapter>> = {
  coinbase: coinbaseAdapter,
  oms: omsAdapter,
};
