import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Checks of a partner's options, made when their server starts: a misconfiguration (an environment
 * variable that is not set, a misspelt option) throws a `TypeError` naming the function and the option,
 * instead of a handler that answers 500 or refuses every webhook later. Never quotes a secret.
 */
export function optionError(where: string, message: string): TypeError {
  return new TypeError(`${where}: ${message}`);
}

/** The options object itself: a plain object, or the error names what it should hold. */
export function requireOptions<T>(where: string, options: T, holds: string): NonNullable<T> {
  if (typeof options !== 'object' || options === null)
    throw optionError(where, `pass an options object (${holds})`);
  return options;
}

/** A non-empty string option: missing and empty are told apart, the value itself is never quoted. */
export function requireText(where: string, name: string, value: unknown, what: string): void {
  if (typeof value === 'string' && value.trim() !== '') return;
  const state =
    value === undefined ? 'missing' : typeof value === 'string' ? 'empty' : `a ${typeof value}, not a string`;
  throw optionError(where, `${name} is ${state}: ${what} (an environment variable that is not set?)`);
}

/** An optional base URL: when given, an absolute http(s) URL (`localhost:4010` parses as a scheme). */
export function requireHttpUrl(where: string, name: string, value: unknown): void {
  if (value === undefined) return;
  let protocol: string | undefined;
  try {
    protocol = typeof value === 'string' ? new URL(value).protocol : undefined;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  throw optionError(
    where,
    `${name} must be an absolute http(s) URL such as 'http://localhost:4010/platform', got ${JSON.stringify(String(value))}`,
  );
}

/** An optional number option: when given, a finite number of at least `min` (`process.env.X` is a string). */
export function requireNumber(where: string, name: string, value: unknown, min: number): void {
  if (value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= min)) return;
  throw optionError(
    where,
    `${name} must be a number of at least ${min}, got ${typeof value === 'string' ? `the string ${JSON.stringify(value)}` : String(value)}`,
  );
}

/** An optional file path whose folder must exist (SQLite creates the file, never the folder). */
export function requireFileInFolder(where: string, name: string, value: unknown): void {
  if (value === undefined || value === ':memory:') return;
  if (typeof value !== 'string' || value.trim() === '')
    throw optionError(where, `${name} must be a file path such as './data/kyc-kit.db', or left out`);
  const folder = path.dirname(path.resolve(value));
  if (!existsSync(folder))
    throw optionError(where, `${name}: the folder ${folder} does not exist (create it first)`);
}
