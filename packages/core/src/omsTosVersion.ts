import type { TosVersion } from './model';

/**
 * The version the OMS ToS requirement carries. OMS records a single boolean
 * (`signedAgreement`) rather than versions; the kit gives it one stable
 * version id so the ToS step works the same for both providers. Partners point
 * `url` at the OMS terms they were given (see `createOmsAdapter`).
 *
 * Kept apart from the OMS adapter because step planning, which runs in the
 * browser, needs the version id while the adapter and its provider schemas
 * belong to the server.
 */
export const OMS_TOS_VERSION: TosVersion = {
  versionId: 'oms_terms',
  languages: ['en'],
  url: 'https://polygon.technology/terms-of-use',
};
