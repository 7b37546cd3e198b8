import { FIELD_KEYS, requiredFieldsFor } from '@kyc-kit/core/server';
import { describe, expect, it } from 'vitest';
import {
  COINBASE_CAPABILITIES,
  coinbaseRequirementKeysFor,
  omsRequirementNamesFor,
} from './requirementRules';

describe('requirement rules agree with the kit', () => {
  it.each(COINBASE_CAPABILITIES)('%s asks for the fields core plans for it, plus tos', (capability) => {
    const keys = coinbaseRequirementKeysFor(capability);
    expect(keys.filter((key) => key !== 'tos' && key !== 'taxAttestation')).toEqual(
      requiredFieldsFor(capability),
    );
    expect(keys).toContain('tos');
  });

  it('every Coinbase requirement key has a field spec in core', () => {
    for (const capability of COINBASE_CAPABILITIES) {
      for (const key of coinbaseRequirementKeysFor(capability)) expect(FIELD_KEYS).toContain(key);
    }
  });

  it('OMS endorsements build on basic', () => {
    const basic = omsRequirementNamesFor('basic');
    expect(omsRequirementNamesFor('cryptoCustody')).toEqual(expect.arrayContaining(basic));
    expect(omsRequirementNamesFor('usd')).toEqual(expect.arrayContaining([...basic, 'nationality']));
  });
});
