import sanitizeHtml from 'sanitize-html';

/** A Terms of Service document ready to be placed in the partner's page. */
export interface SanitizedTosDocument {
  title: string;
  html: string;
}

/** What every id of a document is prefixed with, and every link within it follows. */
const DOCUMENT_ID_PREFIX = 'kyc-tos-';

/**
 * Text structure only: headings, paragraphs, lists, tables, emphasis and
 * links. No scripts, styles, forms, frames or images, since the document is
 * rendered inside the partner's page and must not run code, restyle it or
 * call a third party.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'strong',
    'em',
    'b',
    'i',
    'u',
    'small',
    'sub',
    'sup',
    'blockquote',
    'a',
    'span',
    'div',
    'section',
    'article',
    'header',
    'footer',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    '*': ['id', 'lang', 'dir'],
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Script and style bodies are dropped along with their tags, not kept as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  transformTags: {
    // Links leave the page in a new tab and give the target no handle on it; a link within the document
    // (`#section-3`) stays in place and follows its target's id.
    a: (tagName, attribs) => {
      const { target: _target, rel: _rel, ...kept } = attribs;
      const href = attribs.href ?? '';
      return href.startsWith('#')
        ? { tagName, attribs: { ...kept, href: `#${DOCUMENT_ID_PREFIX}${href.slice(1)}` } }
        : { tagName, attribs: { ...kept, target: '_blank', rel: 'noopener noreferrer' } };
    },
    // The document's ids live in the partner's page: prefixed, none can take the name of one of the
    // page's or the kit's own elements (nor clobber a global of the page's scripts).
    '*': (tagName, attribs) =>
      attribs.id === undefined
        ? { tagName, attribs }
        : { tagName, attribs: { ...attribs, id: `${DOCUMENT_ID_PREFIX}${attribs.id}` } },
  },
};

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textOf(html: string): string {
  return collapse(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Sanitizes a fetched Terms of Service document. HTML keeps only its text
 * structure (the body when there is one); plain text becomes paragraphs. The
 * title is the document's `<title>`, else its first `<h1>`, else `fallbackTitle`.
 */
export function sanitizeTosDocument(input: {
  body: string;
  contentType: string;
  fallbackTitle: string;
}): SanitizedTosDocument {
  if (!/html/i.test(input.contentType)) {
    const paragraphs = input.body
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => collapse(paragraph))
      .filter((paragraph) => paragraph !== '');
    return {
      title: input.fallbackTitle,
      html: paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
    };
  }
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(input.body);
  const headingMatch = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(input.body);
  const title = textOf(titleMatch?.[1] ?? '') || textOf(headingMatch?.[1] ?? '') || input.fallbackTitle;
  const bodyMatch = /<body[^>]*>([\s\S]*)<\/body>/i.exec(input.body);
  return { title, html: sanitizeHtml(bodyMatch?.[1] ?? input.body, SANITIZE_OPTIONS).trim() };
}
