import type { Customer, ProviderAdapter } from '@kyc-kit/core/server';
import { freezeCustomer } from './customerJson';
import { UpstreamError } from './UpstreamError';

/** Options of {@link createCustomerReader}. */
export interface CustomerReaderOptions {
  /**
   * Whether identical answers reuse the customer already read from them.
   * Only when the adapter's output is a pure function of the answer's text.
   * @default true
   */
  remember?: boolean;
  /** How many customers' last answers are remembered (least recently used dropped first). @default 256 */
  capacity?: number;
  /** Answers longer than this (in characters) are read but not remembered. @default 8192 */
  maxCharacters?: number;
}

/** Reads the provider's answers about customers into frozen {@link Customer} values. */
export interface CustomerReader {
  /**
   * The customer in `text` (a 2xx answer's body), validated and normalized
   * by core's adapter; `customerId` is the one the request named, when it
   * named one. Throws an {@link UpstreamError} `malformed` on broken JSON
   * or a broken shape.
   */
  read(text: string, customerId?: string): Customer;
}

interface Remembered {
  text: string;
  customer: Customer;
}

/**
 * The one place a provider client turns an answer's text into a customer:
 * `JSON.parse`, then core's adapter (zod validation and normalization).
 *
 * The customer is a pure function of the answer's bytes, and a customer read
 * while it is polled or watched answers the very same bytes again and again;
 * so the last answer of each customer is remembered (a small LRU per client,
 * by the customer id the request named) and an answer identical to it, byte
 * for byte, returns the customer already read from it, skipping the parse,
 * the validation and the normalization. Nothing else is skipped: every read
 * still goes to the provider, signed and checked as before, and a different
 * answer is read in full. The customers handed out are frozen, so a value
 * shared by two reads cannot be changed by either.
 */
export function createCustomerReader(
  adapter: ProviderAdapter,
  options: CustomerReaderOptions = {},
): CustomerReader {
  const remember = options.remember ?? true;
  const capacity = options.capacity ?? 256;
  const maxCharacters = options.maxCharacters ?? 8192;
  /** Insertion order is recency: a hit is moved to the end, the first entry is the least recently used. */
  const remembered = new Map<string, Remembered>();

  function parse(text: string): Customer {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UpstreamError('malformed', { cause: error });
    }
    try {
      return freezeCustomer(adapter.parseCustomer(raw));
    } catch (error) {
      throw new UpstreamError('malformed', { cause: error });
    }
  }

  return {
    read(text, customerId) {
      if (!remember || customerId === undefined) return parse(text);
      const last = remembered.get(customerId);
      if (last !== undefined) {
        remembered.delete(customerId);
        if (last.text === text) {
          remembered.set(customerId, last);
          return last.customer;
        }
      }
      const customer = parse(text);
      if (text.length <= maxCharacters) {
        remembered.set(customerId, { text, customer });
        if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as string);
      }
      return customer;
    },
  };
}
