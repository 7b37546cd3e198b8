import { expect, test } from '@playwright/test';
import {
  REJECTED_SSN,
  completeOnboarding,
  currentFieldNames,
  fillCurrentStep,
  flowRoot,
  signInWithApi,
  submitStep,
  testPerson,
  uniqueUsername,
} from './support/journey';

// Runs in every project: the Coinbase sandbox in the spec's dialect
// (`coinbase`), in the guides' dialect (`coinbase-guides`: Terms as a bare
// url, POST update, top-level contact fields, the guides' webhook) and the
// OMS sandbox (`oms`). The same journey must complete in each.

interface ProxyCustomer {
  requirements: Record<string, { tos?: { url?: string; versions: { versionId: string }[] } }>;
}

test('the journey completes in this dialect: a rejected SSN asked again, the Terms accepted, then active', async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  await signInWithApi(page, uniqueUsername(`fidelity-${project}`));
  await page.goto('/onboarding?capability=custodyFiat');

  let sawTerms = false;
  const first = await completeOnboarding(page, testPerson({ fullSsn: REJECTED_SSN }), {
    stopAt: (_stepId, fieldNames, record) =>
      record.steps.includes('taxId') && fieldNames.join() === 'fullSsn',
  });
  sawTerms ||= first.sawTerms;

  // The customer exists now: its Terms requirement has the dialect's shape.
  const response = await page.request.get('/api/onboarding/customer');
  expect(response.ok()).toBe(true);
  const { customer } = (await response.json()) as { customer: ProxyCustomer };
  const tos = customer.requirements.tos?.tos;
  if (!first.sawTerms) {
    if (project === 'coinbase-guides') {
      // The guides' shape: only a url, its version derived from it.
      expect(tos?.url).toMatch(/\/tos\/[A-Za-z0-9._-]+$/);
      expect(tos?.versions).toHaveLength(1);
    } else {
      expect(tos?.url).toBeUndefined();
      expect(tos?.versions.length).toBeGreaterThan(0);
    }
  }

  // Verification rejected the SSN: the flow asks for that field and nothing else.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentFieldNames(page)).toEqual(['fullSsn']);
  await fillCurrentStep(page, testPerson());
  await submitStep(page);
  const rest = await completeOnboarding(page, testPerson());
  sawTerms ||= rest.sawTerms;
  expect(sawTerms).toBe(true);

  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await page.goto('/');
  await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Ready');
});
