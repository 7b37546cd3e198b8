import type { SupportLinks as SupportLinksValue } from '@kyc-kit/core';

/**
 * The partner's support contact under an "unavailable" message: real links
 * (a page, a mailto) and the reference to quote. Renders nothing without one.
 */
export function SupportLinks({ support }: { support: SupportLinksValue }) {
  if (support.links.length === 0 && support.reference === undefined) return null;
  return (
    <p className="kyc-text kyc-support">
      {support.links.map((link) => (
        <a key={link.href} className="kyc-link" href={link.href}>
          {link.label}
        </a>
      ))}
      {support.reference !== undefined ? <span>{support.reference}</span> : null}
    </p>
  );
}
