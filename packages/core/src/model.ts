/**
 * The normalized customer model every adapter maps to. It is plain JSON on
 * purpose: the proxy sends it to the browser as is, the hooks cache it, and the
 * sandbox and tests compare it structurally.
 */

/**
 * The eight capability names of the Coinbase Customers API, which the kit also
 * uses as its own vocabulary (the OMS adapter derives them from endorsements).
 */
export const KNOWN_CAPABILITIES = [
  'custodyFiat',
  'custodyStablecoin',
  'custodyCrypto',
  'transferFiat',
  'transferCrypto',
  'transferStablecoin',
  'tradeStablecoin',
  'tradeCrypto',
] as const;

/** One of {@link KNOWN_CAPABILITIES}. */
export type KnownCapability = (typeof KNOWN_CAPABILITIES)[number];

/**
 * The normalized capability status. `unknown` stands for any status the kit
 * does not recognise; the provider's text is kept in `rawStatus`.
 */
export type CapabilityStatus = 'unrequested' | 'pending' | 'active' | 'inactive' | 'unknown';

/** One capability of a customer. */
export interface Capability {
  /** Whether the partner asked the provider for this capability. */
  requested: boolean;
  /** The normalized status. */
  status: CapabilityStatus;
  /** The provider's own status text (for logs and support, never for end-users). */
  rawStatus: string;
}

/**
 * The normalized requirement status: the five statuses of the Coinbase guides
 * (the published spec has only due, pending and rejected), plus `unknown`.
 */
export type RequirementStatus = 'eventually_due' | 'due' | 'pending' | 'rejected' | 'overdue' | 'unknown';

/** One Terms of Service document the customer may have to accept. */
export interface TosVersion {
  /** Opaque, stable id submitted back on acceptance. */
  versionId: string;
  /** BCP 47 language tags the version is published (and may be accepted) in. */
  languages: string[];
  /** Language-agnostic document URL; `?lang=<tag>` selects a translation. */
  url: string;
}

/** One outstanding requirement of a customer, keyed by its field name. */
export interface Requirement {
  /** The requirement key (a field name such as `fullSsn`, or `tos`). */
  key: string;
  /** Whether the field registry has a spec for this key. */
  known: boolean;
  /** The normalized status. */
  status: RequirementStatus;
  /** The provider's own status text. */
  rawStatus: string;
  /** ISO 8601 deadline, when the provider sets one. */
  deadline?: string;
  /** Capabilities this requirement blocks; empty means the provider did not say. */
  impact: string[];
  /**
   * For the key `tos`: the versions to accept. `url` carries the guides' older
   * shape (a bare link without versions).
   */
  tos?: { versions: TosVersion[]; url?: string };
  /** For the key `taxAttestation`: the tax forms to attest (e.g. `us_w9`). */
  taxForms?: string[];
}

/** A recorded Terms of Service acceptance. */
export interface TosAcceptance {
  versionId: string;
  language: string;
  /** ISO 8601 time of acceptance, stamped by the server. */
  acceptedAt: string;
}

/** The providers the kit has adapters for. */
export type ProviderName = 'coinbase' | 'oms';

/** The names of every provider, in a stable order. */
export const PROVIDER_NAMES: readonly ProviderName[] = ['coinbase', 'oms'];

/** A customer as the kit sees it, whichever provider holds the record. */
export interface Customer {
  /** The provider's customer id. */
  id: string;
  provider: ProviderName;
  /** Every capability the provider reported, keyed by name (unknown names kept). */
  capabilities: Record<string, Capability>;
  /** Every outstanding requirement, keyed by requirement key (unknown keys kept). */
  requirements: Record<string, Requirement>;
  tosAcceptances: TosAcceptance[];
  /** The only identity fields providers echo back; nothing sensitive. */
  profile: { firstName?: string; lastName?: string; email?: string };
  createdAt?: string;
  updatedAt?: string;
}

/** Whether `name` is one of {@link KNOWN_CAPABILITIES}. */
export function isKnownCapability(name: string): name is KnownCapability {
  return (KNOWN_CAPABILITIES as readonly string[]).includes(name);
}
