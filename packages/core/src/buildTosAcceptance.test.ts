import { describe, expect, it } from 'vitest';
import {
  buildTosAcceptance,
  buildTosPatch,
  TosAcceptanceError,
  type TosAcceptanceErrorCode,
} from './buildTosAcceptance';
import type { Requirement } from './model';

const requirement: Requirement = {
  key: 'tos',
  known: true,
  status: 'due',
  rawStatus: 'due',
  impact: ['custodyFiat'],
  tos: {
    versions: [
      {
        versionId: 'us_individual_2026-05-29',
        languages: ['en', 'es'],
        url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
      },
    ],
  },
};
const acceptedAt = '2026-05-01T10:01:00Z';

describe('buildTosAcceptance', () => {
  for (const language of ['en', 'es']) {
    it(`accepts the version in a published language (${language})`, () => {
      expect(
        buildTosAcceptance(requirement, { versionId: 'us_individual_2026-05-29', language, acceptedAt }),
      ).toEqual({
        versionId: 'us_individual_2026-05-29',
        language,
        acceptedAt,
      });
    });
  }

  const refusals: [string, Requirement, string, string, TosAcceptanceErrorCode][] = [
    [
      'a language the version is not published in',
      requirement,
      'us_individual_2026-05-29',
      'fr',
      'unsupported_language',
    ],
    [
      'a version the requirement does not list',
      requirement,
      'us_individual_2025-01-01',
      'en',
      'unknown_version',
    ],
    [
      'a guides-shaped requirement without versions',
      { ...requirement, tos: { versions: [], url: 'https://x.example' } },
      'v',
      'en',
      'unknown_version',
    ],
    [
      'a requirement that is not tos',
      { key: 'fullSsn', known: true, status: 'due', rawStatus: 'due', impact: [] },
      'v',
      'en',
      'no_tos_requirement',
    ],
  ];
  for (const [label, source, versionId, language, code] of refusals) {
    it(`refuses ${label} with ${code}`, () => {
      try {
        buildTosAcceptance(source, { versionId, language, acceptedAt });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(TosAcceptanceError);
        expect((error as TosAcceptanceError).code).toBe(code);
      }
    });
  }
});

describe('buildTosPatch', () => {
  const acceptance = { versionId: 'us_individual_2026-05-29', language: 'es', acceptedAt };
  it('records the acceptance on Coinbase', () => {
    expect(buildTosPatch('coinbase', acceptance)).toEqual({ tosAcceptances: [acceptance] });
  });
  it('sets signedAgreement on OMS', () => {
    expect(buildTosPatch('oms', acceptance)).toEqual({ signedAgreement: true });
  });
});
