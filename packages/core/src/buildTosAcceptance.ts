import { requestMappingFor } from './fields/fieldSpecFor';
import type { ProviderName, Requirement, TosAcceptance } from './model';

/** Why a ToS acceptance was refused. */
export type TosAcceptanceErrorCode = 'no_tos_requirement' | 'unknown_version' | 'unsupported_language';

/**
 * Thrown by {@link buildTosAcceptance} for an acceptance the provider would
 * refuse (Coinbase answers `unsupported_tos_language` for a language the
 * version is not published in).
 */
export class TosAcceptanceError extends Error {
  override readonly name = 'TosAcceptanceError';
  readonly code: TosAcceptanceErrorCode;

  constructor(code: TosAcceptanceErrorCode) {
    super(
      code === 'no_tos_requirement'
        ? 'The requirement is not a Terms of Service requirement'
        : code === 'unknown_version'
          ? 'The Terms of Service version is not one the customer has to accept'
          : 'The Terms of Service version is not published in that language',
    );
    this.code = code;
  }
}

/**
 * Builds a ToS acceptance for one version of a `tos` requirement, refusing a
 * version the requirement does not list or a language that version is not
 * published in. `acceptedAt` is stamped by the server, never the browser.
 */
export function buildTosAcceptance(
  requirement: Requirement,
  input: { versionId: string; language: string; acceptedAt: string },
): TosAcceptance {
  if (requirement.key !== 'tos' || requirement.tos === undefined)
    throw new TosAcceptanceError('no_tos_requirement');
  const version = requirement.tos.versions.find((candidate) => candidate.versionId === input.versionId);
  if (version === undefined) throw new TosAcceptanceError('unknown_version');
  if (!version.languages.includes(input.language)) throw new TosAcceptanceError('unsupported_language');
  return { versionId: input.versionId, language: input.language, acceptedAt: input.acceptedAt };
}

/**
 * The provider request body recording an acceptance: Coinbase
 * `{ tosAcceptances: [acceptance] }`, OMS `{ signedAgreement: true }` (OMS
 * keeps a flag, not versions).
 */
export function buildTosPatch(adapter: ProviderName, acceptance: TosAcceptance): Record<string, unknown> {
  // The `tos` key's request mapping says where and how each provider records it.
  const { paths, encode: encoders } = requestMappingFor('tos');
  const path = paths[adapter];
  const encode = encoders?.[adapter];
  if (path === null || encode === undefined) return {};
  return { [path]: encode(acceptance, { now: new Date() }) };
}
