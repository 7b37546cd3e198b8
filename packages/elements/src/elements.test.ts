import { within } from '@testing-library/dom';
import { waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import './index';
import { FakeEventSource, shadowOf, stubBackend } from './testing/mountElement';

describe('<kyc-onboarding>', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });

  it('renders the first step inside an open shadow root', async () => {
    const backend = stubBackend();
    document.body.innerHTML = '<kyc-onboarding capability="custodyFiat"></kyc-onboarding>';
    const element = document.querySelector('kyc-onboarding')!;
    const shadow = within(shadowOf(element) as unknown as HTMLElement);
    expect(await shadow.findByRole('heading', { name: 'About you' })).toBeTruthy();
    expect(shadowOf(element).mode).toBe('open');
    expect(FakeEventSource.instances).toHaveLength(1);
    await backend.close();
  });
});
