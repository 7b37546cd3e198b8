import { describe, expect, it } from 'vitest';
import { fieldSpecFor } from '@kyc-kit/core';
import type { PartnerFieldSpecs } from '@kyc-kit/core';
import { clearDrafts, draftStorage, draftStorageFor } from './draftStorage';
import { employerNameSpecs } from '@kyc-kit/testing/fixtures';

describe('draftStorage', () => {
  it('writes only known, non-sensitive fields, whatever it is given', () => {
    draftStorage.write('customer_1', {
      firstName: 'Ada',
      email: 'ada@example.com',
      fullSsn: '123-45-6789',
      ssnLast4: '6789',
      dateOfBirth: { day: '27', month: '3', year: '1990' },
      addressLine1: '1 Main Street',
      addressPostalCode: '94105',
      partnerQuestion: 'anything',
    });

    expect(JSON.parse(window.sessionStorage.getItem('kyc-kit:draft:customer_1') ?? '{}')).toEqual({
      firstName: 'Ada',
      email: 'ada@example.com',
    });
    expect(window.localStorage.length).toBe(0);
  });

  it("keeps a partner's own field as its spec says, and drops a kit field the partner keeps out", () => {
    const specs = {
      ...employerNameSpecs,
      taxResidency: {
        section: 'taxId',
        kind: 'text',
        schema: fieldSpecFor('firstName').schema,
        sensitive: true,
        labelId: 'field.generic.label',
      },
      lastName: { ...fieldSpecFor('lastName'), draftable: false },
    } satisfies PartnerFieldSpecs;
    const drafts = draftStorageFor(specs);
    drafts.write('customer_7', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      employerName: 'Analytical Engines',
      taxResidency: 'GB',
      fullSsn: '123-45-6789',
    });

    expect(drafts.read('customer_7')).toEqual({ firstName: 'Ada', employerName: 'Analytical Engines' });
    // The kit's store alone knows none of the partner's keys: it keeps only its own.
    expect(draftStorage.read('customer_7')).toEqual({ firstName: 'Ada' });
  });

  it('ignores sensitive keys in a tampered entry and unreadable entries', () => {
    window.sessionStorage.setItem(
      'kyc-kit:draft:customer_2',
      JSON.stringify({ firstName: 'Ada', fullSsn: '123-45-6789' }),
    );
    expect(draftStorage.read('customer_2')).toEqual({ firstName: 'Ada' });
    window.sessionStorage.setItem('kyc-kit:draft:customer_3', '{not json');
    expect(draftStorage.read('customer_3')).toEqual({});
  });

  it('removes the entry when nothing is left to keep', () => {
    draftStorage.write('customer_4', { firstName: 'Ada' });
    draftStorage.write('customer_4', { firstName: '' });
    expect(window.sessionStorage.getItem('kyc-kit:draft:customer_4')).toBeNull();
    draftStorage.write('customer_5', { email: 'a@example.com' });
    draftStorage.clear('customer_5');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('keeps the step plan in the tab and clearDrafts removes it with the drafts', () => {
    const plan = {
      customerId: 'customer_6',
      capabilities: 'custodyFiat',
      steps: ['personal' as const, 'review' as const],
      reviewed: false,
    };
    draftStorage.writePlan('plan:u1', plan);
    draftStorage.write('u1:customer_6', { firstName: 'Ada' });
    expect(draftStorage.readPlan('plan:u1')).toEqual(plan);
    clearDrafts();
    expect(draftStorage.readPlan('plan:u1')).toBeNull();
    expect(window.sessionStorage.length).toBe(0);
  });
});
