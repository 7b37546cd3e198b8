import type { MessageId } from './messages/messages';

/**
 * How an end-user reaches the partner's support when a capability is
 * unavailable: a link, an email address, and a reference the partner gives
 * (its own case or account id). Never a reason: the kit has none to give.
 */
export interface SupportContact {
  /** A support page (`https:`, `http:`, `mailto:`, `tel:` or a relative address). */
  href?: string;
  /** An email address; the link opens a message with the reference as its subject. */
  email?: string;
  /** The partner's reference for this person or case, shown for them to quote. */
  reference?: string;
}

/** What {@link supportLinks} returns: real links to render, and the reference line. */
export interface SupportLinks {
  /** Each with its label: "Contact support" (translated), or the email address itself. */
  links: { href: string; label: string }[];
  /** Translated "Your reference: ...", or `undefined`. */
  reference: string | undefined;
}

// A partner's setting, but never a `javascript:` address on an end-user's screen.
const SAFE_HREF = /^(https?:|mailto:|tel:|[^:]*$)/i;

/** The partner's support contact as links and text for an "unavailable" message, translated. */
export function supportLinks(
  support: SupportContact | undefined,
  t: (id: MessageId, params?: Record<string, string>) => string,
): SupportLinks {
  const { href, email, reference } = support ?? {};
  const links: SupportLinks['links'] = [];
  if (href && SAFE_HREF.test(href)) links.push({ href, label: t('support.link') });
  if (email) {
    const subject = reference ? `?subject=${encodeURIComponent(reference)}` : '';
    links.push({ href: `mailto:${email}${subject}`, label: email });
  }
  return { links, reference: reference ? t('support.reference', { reference }) : undefined };
}
