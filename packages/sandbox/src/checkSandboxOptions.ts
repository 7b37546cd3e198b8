import { existsSync } from 'node:fs';
import path from 'node:path';
import { SANDBOX_DIALECTS } from './sandboxDialect';
import type { SandboxOptions } from './createSandbox';

const where = 'createSandbox';

function refuse(message: string): never {
  throw new TypeError(`${where}: ${message}`);
}

function isHttpUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function checkNumber(name: string, value: unknown, min: number): void {
  if (value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= min)) return;
  refuse(`${name} must be a number of at least ${min}, got ${JSON.stringify(value) ?? String(value)}`);
}

/**
 * The options a test or a partner's script passes, checked before anything starts: a misspelt dialect, a
 * `process.env` value (a string, or unset) where a number or the webhook secret goes, a data file in a
 * folder that does not exist. Each throws a `TypeError` naming the option, never quoting a secret.
 */
export function checkSandboxOptions(options: SandboxOptions): void {
  if (typeof options === 'string')
    refuse(`pass { dataPath: ${JSON.stringify(options)} }, not the path itself`);
  if (typeof options !== 'object' || options === null) refuse('pass an options object, or nothing');
  const { dataPath, publicUrl, dialect, webhooks } = options;
  if (dataPath !== undefined) {
    if (typeof dataPath !== 'string' || dataPath.trim() === '')
      refuse("dataPath must be a file path such as './sandbox.sqlite', or left out (in memory)");
    const folder = path.dirname(path.resolve(dataPath));
    if (dataPath !== ':memory:' && !existsSync(folder))
      refuse(`dataPath: the folder ${folder} does not exist (create it first)`);
  }
  checkNumber('verifyMs', options.verifyMs, 0);
  if (publicUrl !== undefined && !isHttpUrl(publicUrl))
    refuse(
      `publicUrl must be an absolute http(s) URL such as 'http://localhost:4010', got ${JSON.stringify(String(publicUrl))}`,
    );
  if (dialect !== undefined && !SANDBOX_DIALECTS.includes(dialect))
    refuse(`dialect must be one of ${SANDBOX_DIALECTS.join(', ')}, got ${JSON.stringify(String(dialect))}`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') refuse('fetch must be a function');
  if (webhooks === undefined) return;
  if (typeof webhooks !== 'object' || webhooks === null)
    refuse('webhooks must be { url, secret }, or left out');
  if (!isHttpUrl(webhooks.url))
    refuse(
      `webhooks.url must be an absolute http(s) URL, your proxy's webhook route, got ${JSON.stringify(String(webhooks.url))}`,
    );
  if (webhooks.omsUrl !== undefined && !isHttpUrl(webhooks.omsUrl))
    refuse(`webhooks.omsUrl must be an absolute http(s) URL, got ${JSON.stringify(String(webhooks.omsUrl))}`);
  for (const name of ['secret', 'omsSecret'] as const) {
    const secret: unknown = webhooks[name];
    if (name === 'omsSecret' && secret === undefined) continue;
    if (typeof secret !== 'string' || secret.trim() === '')
      refuse(
        `webhooks.${name} is missing or empty: the secret your proxy's webhookSecret holds (an environment variable that is not set?)`,
      );
  }
  if (webhooks.format !== undefined && !SANDBOX_DIALECTS.includes(webhooks.format))
    refuse(
      `webhooks.format must be one of ${SANDBOX_DIALECTS.join(', ')}, got ${JSON.stringify(String(webhooks.format))}`,
    );
  checkNumber('webhooks.retryBaseMs', webhooks.retryBaseMs, 0);
  checkNumber('webhooks.maxAttempts', webhooks.maxAttempts, 1);
  checkNumber('webhooks.deliveryTimeoutMs', webhooks.deliveryTimeoutMs, 1);
}
