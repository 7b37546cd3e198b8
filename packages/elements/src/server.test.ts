// @vitest-environment node
describe('@kyc-kit/elements where there is no DOM (Node, a server render)', () => {
  it('imports without throwing and defines nothing', async () => {
    expect(typeof globalThis.HTMLElement).toBe('undefined');
    const elements = await import('./index');
    expect(Object.keys(elements.KYC_KIT_ELEMENTS)).toEqual([
      'kyc-onboarding',
      'kyc-capability-status',
      'kyc-capability-gate',
    ]);
    expect(typeof globalThis.customElements).toBe('undefined');
  });
});
