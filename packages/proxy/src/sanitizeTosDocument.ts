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

/**
 * How deep a document may nest its elements. Real Terms run to a few dozen levels; the parser under
 * sanitize-html (htmlparser2) moves its whole stack of open elements on every opening tag, so a
 * megabyte of nested tags from a Terms origin cost minutes of the event loop (200 KB of `<b>`: 11 s).
 * Stopped at this depth, a megabyte of opening tags costs a fraction of a second.
 */
const MAX_NESTING = 256;

/** Thrown for a document nested deeper than any real one: the proxy answers that it is unavailable. */
export class TosDocumentTooDeepError extends Error {
  constructor() {
    super(`Terms document nests its elements deeper than ${MAX_NESTING} levels`);
    this.name = 'TosDocumentTooDeepError';
  }
}

/**
 * sanitize-html, stopped once the parser holds more than {@link MAX_NESTING} elements open. The
 * depth is the parser's own (its opening and closing callbacks, implied closes included), not a
 * second reading of the HTML that could disagree with it.
 */
function sanitize(html: string, options: sanitizeHtml.IOptions): string {
  let depth = 0;
  return sanitizeHtml(html, {
    ...options,
    onOpenTag: () => {
      depth += 1;
      if (depth > MAX_NESTING) throw new TosDocumentTooDeepError();
    },
    onCloseTag: () => {
      depth -= 1;
    },
  });
}

function textOf(html: string): string {
  return collapse(sanitize(html, { allowedTags: [], allowedAttributes: {} }));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Sanitizes a fetched Terms of Service document. HTML keeps only its text
 * structure (the body when there is one); plain text becomes paragraphs. The
 * title is the document's `<title>`, else its first `<h1>`, else `fallbackTitle`.
 * Throws {@link TosDocumentTooDeepError} for HTML nested deeper than any real document.
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
  const title =
    textOf(elementText(input.body, 'title', 'first') ?? '') ||
    textOf(elementText(input.body, 'h1', 'first') ?? '') ||
    input.fallbackTitle;
  const body = elementText(input.body, 'body', 'last') ?? input.body;
  return { title, html: sanitize(body, SANITIZE_OPTIONS).trim() };
}

/**
 * What lies between the first `<name ...>` and the first (or last) `</name>` after it, or undefined.
 * Found in one pass each, so any document costs time in proportion to its length: a pattern such as
 * `<title[^>]*>([\s\S]*?)<\/title>` is tried again from every `<title` in the text, and a megabyte of
 * unclosed tags (from a Terms origin, or a redirect within one) held the event loop for over a minute.
 */
function elementText(html: string, name: string, closing: 'first' | 'last'): string | undefined {
  // An attribute run stops at the next `<` too, so each try reads only up to the next tag.
  const open = new RegExp(`<${name}(?:\\s[^<>]*)?>`, 'i').exec(html);
  if (open === null) return undefined;
  const start = open.index + open[0].length;
  const close = new RegExp(`</${name}\\s*>`, 'gi');
  close.lastIndex = start;
  let end = -1;
  for (let match = close.exec(html); match !== null; match = close.exec(html)) {
    end = match.index;
    if (closing === 'first') break;
  }
  return end < 0 ? undefined : html.slice(start, end);
}
