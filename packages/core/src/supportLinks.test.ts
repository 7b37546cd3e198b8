import { describe, expect, it } from 'vitest';
import { es } from './messages/es';
import { createTranslator } from './messages/messages';
import { supportLinks } from './supportLinks';

const t = createTranslator('en');

describe('supportLinks', () => {
  it('gives a link, a mailto with the reference as subject, and the reference to quote', () => {
    expect(
      supportLinks({ href: 'https://help.example.com', email: 'help@example.com', reference: 'NW-42 A' }, t),
    ).toEqual({
      links: [
        { href: 'https://help.example.com', label: 'Contact support' },
        { href: 'mailto:help@example.com?subject=NW-42%20A', label: 'help@example.com' },
      ],
      reference: 'Your reference: NW-42 A',
    });
  });

  it('gives nothing without a contact, and never a script address', () => {
    expect(supportLinks(undefined, t)).toEqual({ links: [], reference: undefined });
    expect(supportLinks({ href: 'javascript:alert(1)' }, t).links).toEqual([]);
    expect(supportLinks({ href: '/help' }, t).links).toEqual([{ href: '/help', label: 'Contact support' }]);
  });

  it('speaks Spanish', () => {
    const spanish = createTranslator('es', es);
    expect(supportLinks({ email: 'ayuda@example.com', reference: 'NW-42' }, spanish)).toEqual({
      links: [{ href: 'mailto:ayuda@example.com?subject=NW-42', label: 'ayuda@example.com' }],
      reference: 'Su referencia: NW-42',
    });
  });
});
