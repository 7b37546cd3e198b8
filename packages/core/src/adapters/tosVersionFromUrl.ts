import type { TosVersion } from '../model';

/**
 * Resolves the version a guides-shape Terms of Service requirement
 * (`requirements.tos = { status, url }`, no `tosVersions`) stands for. A
 * partner who knows its provider's versions supplies one (option
 * `resolveTosVersion` of `createCoinbaseAdapter` or of the proxy's Coinbase
 * upstream). Return `undefined` when the url is not one you know: the
 * requirement then has no version and cannot be accepted.
 */
export type TosVersionResolver = (input: {
  /** The `url` of the requirement, as the provider sent it. */
  url: string;
}) => Pick<TosVersion, 'versionId' | 'languages'> | undefined;

/** The spec's `TosVersionId`: 1 to 64 characters; the rule takes only plain ones. */
const VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * The documented default rule for a guides-shape ToS requirement: the version
 * id is the url's `versionId` query parameter when present, else its last
 * path segment without a `.html`, `.htm` or `.txt` ending
 * (`https://host/tos/us_individual_2026-05-29` -> `us_individual_2026-05-29`);
 * the language is the url's `lang` parameter, else `en` (the guides' example
 * acceptance). The returned url has `lang` removed: the document loader adds
 * it per language. `undefined` when no segment fits the spec's version id
 * shape. Use a resolver instead when your provider's urls do not name the
 * version.
 */
export function tosVersionFromUrl(url: string): TosVersion | undefined {
  // Core runs without DOM or Node globals (no URL): an http(s) url read by hand.
  const match = /^(https?:\/\/[^/?#\s]+)([^?#\s]*)(?:\?([^#\s]*))?(?:#\S*)?$/i.exec(url);
  if (match === null) return undefined;
  const [, origin = '', path = '', query] = match;
  const params = (query ?? '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const separator = part.indexOf('=');
      return separator < 0 ? [part, ''] : [part.slice(0, separator), part.slice(separator + 1)];
    });
  const param = (name: string): string | undefined => params.find(([key]) => key === name)?.[1];
  const lastSegment = path
    .split('/')
    .filter((segment) => segment !== '')
    .at(-1);
  let candidate = param('versionId') ?? lastSegment?.replace(/\.(?:html?|txt)$/i, '');
  try {
    if (candidate !== undefined) candidate = decodeURIComponent(candidate);
  } catch {
    return undefined;
  }
  if (candidate === undefined || !VERSION_ID.test(candidate)) return undefined;
  const language = param('lang');
  const rest = params.filter(([key]) => key !== 'lang').map(([key, value]) => `${key}=${value}`);
  return {
    versionId: candidate,
    languages: [language !== undefined && LANGUAGE_TAG.test(language) ? language : 'en'],
    url: `${origin}${path === '' ? '/' : path}${rest.length > 0 ? `?${rest.join('&')}` : ''}`,
  };
}
