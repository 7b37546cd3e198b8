/**
 * Where to go after signing in, from the `?next=` of the sign-in page: only
 * a path on this site. "//host" and "/\host" leave the site in some
 * browsers, and anything else falls back to the home page, so the sign-in
 * page can never be used to send someone elsewhere.
 */
export function safeReturnPath(value: string | null): string {
  return value !== null && /^\/(?![/\\])/.test(value) ? value : '/';
}
