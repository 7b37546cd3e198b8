/**
 * Where to go after signing in, from the `?next=` of the sign-in page: only
 * a path on this site. "//host" and "/\host" leave the site in some
 * browsers, and so do "/<tab>/host" and "/<newline>\host" (URL parsers drop
 * tabs and line breaks wherever they are); anything else falls back to the
 * home page, so the sign-in page can never be used to send someone elsewhere.
 */
export function safeReturnPath(value: string | null): string {
  return value !== null && /^\/(?![/\\])/.test(value) && !/[\t\n\r]/.test(value) ? value : '/';
}
