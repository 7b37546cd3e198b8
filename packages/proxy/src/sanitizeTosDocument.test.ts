import { describe, expect, it } from 'vitest';
import { sanitizeTosDocument, TosDocumentTooDeepError } from './sanitizeTosDocument';

describe('sanitizeTosDocument', () => {
  it('keeps the text structure and the title of an HTML document', () => {
    const document = sanitizeTosDocument({
      contentType: 'text/html; charset=utf-8',
      fallbackTitle: 'Terms of Service',
      body: '<!doctype html><html><head><title>Sandbox Terms</title><style>body{color:red}</style></head><body><h1>Terms</h1><p>You <strong>agree</strong>.</p></body></html>',
    });
    expect(document.title).toBe('Sandbox Terms');
    expect(document.html).toBe('<h1>Terms</h1><p>You <strong>agree</strong>.</p>');
  });

  it('removes scripts, event handlers, frames, forms, images and javascript: links', () => {
    const { html } = sanitizeTosDocument({
      contentType: 'text/html',
      fallbackTitle: 'Terms of Service',
      body: [
        '<p onclick="steal()">Read <a href="javascript:steal()">this</a> and <a href="https://example.com/x">that</a>.</p>',
        '<script>steal()</script><iframe src="https://evil.example"></iframe><img src=x onerror=steal()>',
        '<form action="https://evil.example"><input name="ssn"></form><style>*{display:none}</style>',
      ].join(''),
    });
    expect(html).not.toMatch(/script|onclick|onerror|iframe|<img|<form|<input|<style|javascript:|steal/i);
    expect(html).toContain(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">that</a>',
    );
  });

  it("prefixes the document's ids, so none is one of the page's, and keeps links within it working in place", () => {
    const { html } = sanitizeTosDocument({
      contentType: 'text/html',
      fallbackTitle: 'Terms of Service',
      body: '<p id="root">See <a href="#fees" target="_top">fees</a>.</p><h2 id="fees">Fees</h2>',
    });
    expect(html).toBe(
      '<p id="kyc-tos-root">See <a href="#kyc-tos-fees">fees</a>.</p><h2 id="kyc-tos-fees">Fees</h2>',
    );
  });

  it('turns plain text into escaped paragraphs under the fallback title', () => {
    const document = sanitizeTosDocument({
      contentType: 'text/plain',
      fallbackTitle: 'Terms of Service',
      body: 'First <b>part</b>.\n\nSecond part.',
    });
    expect(document).toEqual({
      title: 'Terms of Service',
      html: '<p>First &lt;b&gt;part&lt;/b&gt;.</p>\n<p>Second part.</p>',
    });
  });

  it('takes the first heading as the title when there is no <title>', () => {
    expect(
      sanitizeTosDocument({
        contentType: 'text/html',
        fallbackTitle: 'Terms',
        body: '<h1>Customer <em>Agreement</em></h1><p>x</p>',
      }).title,
    ).toBe('Customer Agreement');
  });

  it('reads a megabyte of unclosed title, heading and body tags in one pass, as the proxy must go on serving', () => {
    // Each was tried again from every opening tag: over a minute of the event loop per document. The
    // headings' quarter megabyte is 62,500 of them to sanitize, which takes its time however it is read.
    for (const [tag, bytes] of [
      ['<title', 1_000_000],
      ['<title>', 1_000_000],
      ['<body></body', 1_000_000],
      ['<h1>', 250_000],
    ] as const) {
      const document = sanitizeTosDocument({
        contentType: 'text/html',
        fallbackTitle: 'Terms of Service',
        body: `${tag.repeat(Math.floor(bytes / tag.length))}<p>Terms</p>`,
      });
      expect(document.title, tag).toBe('Terms of Service');
      expect(document.html, tag).not.toMatch(/<(?:title|body)/i);
    }
  });

  it('refuses a document nested deeper than 256 elements instead of holding the event loop for minutes', () => {
    // The parser moves its whole stack of open elements on each opening tag: a megabyte of nested
    // <body> tags took 70 s, 200 KB of <b> 11 s. Implied closes count as the parser makes them, so
    // <li><p> pairs (neither closes the other) nest, and a thousand unclosed <p> do not.
    for (const tag of ['<body>', '<b>', '<div>', '<li><p>', '<x>']) {
      expect(
        () =>
          sanitizeTosDocument({
            contentType: 'text/html',
            fallbackTitle: 'Terms of Service',
            body: `<title>Terms</title>${tag.repeat(Math.floor(1_000_000 / tag.length))}`,
          }),
        tag,
      ).toThrow(TosDocumentTooDeepError);
    }
    expect(() =>
      sanitizeTosDocument({
        contentType: 'text/html',
        fallbackTitle: 'Terms',
        body: `<title>${'<b>'.repeat(300)}Terms</title><p>text</p>`,
      }),
    ).toThrow(TosDocumentTooDeepError);
    const deepButReal = `${'<div>'.repeat(250)}<p>Clause 1${'</div>'.repeat(250)}${'<p>Clause'.repeat(1000)}`;
    const document = sanitizeTosDocument({
      contentType: 'text/html',
      fallbackTitle: 'Terms',
      body: deepButReal,
    });
    expect(document.html).toContain('<p>Clause 1</p>');
    expect(document.html.match(/<p>/g)).toHaveLength(1001);
  });

  it('takes the first title, the first heading and everything up to the last </body>', () => {
    const document = sanitizeTosDocument({
      contentType: 'text/html',
      fallbackTitle: 'Terms',
      body: '<html><head><TITLE lang="en">One</TITLE><title>Two</title></head><BODY class="x"><p>a</p></body><p>b</p></body ></html>',
    });
    expect(document.title).toBe('One');
    expect(document.html).toBe('<p>a</p><p>b</p>');
  });
});
