import { pino, type Logger } from 'pino';

/**
 * Paths censored in every log line of the proxy. The proxy never logs a
 * request or provider body in the first place; these paths are the second
 * line of defence should one ever be passed to a log call: credentials,
 * cookies, the values a user typed, and each write-only PII field under the
 * names both providers use.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-hook0-signature"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'body',
  'fields',
  'values',
  '*.body',
  '*.fields',
  '*.values',
  ...[
    'fullSsn',
    'ssnLast4',
    'dateOfBirth',
    'birthDate',
    'address',
    'residentialAddress',
    'identifyingInformation',
    'ipAddress',
    'requesterIpAddress',
    'clientAddress',
    'apiKeySecret',
    'apiSecret',
    'accessToken',
  ].flatMap((name) => [name, `*.${name}`, `*.*.${name}`]),
];

/**
 * The proxy's logger: the partner's pino logger (or a new one) as a child
 * tagged `component: "@kyc-kit/proxy"` with {@link REDACTED_LOG_PATHS}
 * censored, whatever the partner's own redaction says.
 */
export function createProxyLogger(logger?: Logger): Logger {
  const redact = { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' };
  if (logger) return logger.child({ component: '@kyc-kit/proxy' }, { redact });
  return pino({ name: '@kyc-kit/proxy', redact });
}
