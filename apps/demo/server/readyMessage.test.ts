import { MAGIC_VALUES } from '@kyc-kit/sandbox';
import { describe, expect, it } from 'vitest';
import { readyMessage } from './readyMessage';

describe('readyMessage', () => {
  it('lists every URL, how to sign in and, against the sandbox, every magic value', () => {
    const text = readyMessage({ port: 3000, upstream: 'the sandbox (simulating coinbase)', sandbox: true });
    expect(text).toContain('kyc-kit demo ready on http://localhost:3000');
    expect(text).toContain('http://localhost:3000/storybook/');
    expect(text).toContain('http://localhost:3000/onboarding/headless');
    expect(text).toMatch(/sign in: +any username/);
    for (const [name, value] of Object.entries(MAGIC_VALUES)) expect(text, name).toContain(value);
  });

  it('names no magic value with a real provider upstream', () => {
    const text = readyMessage({ port: 8080, upstream: 'coinbase', sandbox: false });
    expect(text).toContain('http://localhost:8080/storybook/');
    expect(text).not.toContain(MAGIC_VALUES.rejectedSsn);
  });
});
