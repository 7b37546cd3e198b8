import type { z } from 'zod';

/** One place where a provider payload did not have the expected shape. */
export interface ShapeIssue {
  /** Dotted path into the payload, e.g. `capabilities.custodyFiat.status`; empty for the root. */
  path: string;
  /** The zod issue code (`invalid_type`, `invalid_value`, ...). */
  code: string;
}

/**
 * Thrown when a provider payload is structurally broken (a map that is a
 * number, a missing id). Unknown keys and unknown statuses never throw. The
 * message names the path but never the value, which may be personal data.
 */
export class ProviderShapeError extends Error {
  override readonly name = 'ProviderShapeError';
  /** What was being read, e.g. `coinbase customer`. */
  readonly subject: string;
  /** The first broken path (dotted). */
  readonly path: string;
  /** Every broken path found. */
  readonly issues: ShapeIssue[];

  constructor(subject: string, issues: ShapeIssue[]) {
    const first = issues[0] ?? { path: '', code: 'invalid_type' };
    super(`Unexpected ${subject} shape at ${first.path === '' ? '(root)' : first.path} (${first.code})`);
    this.subject = subject;
    this.path = first.path;
    this.issues = issues;
  }
}

/** Parses `raw` with `schema`, throwing a {@link ProviderShapeError} that names the path. */
export function parseProviderPayload<Output>(
  schema: z.ZodType<Output>,
  raw: unknown,
  subject: string,
): Output {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new ProviderShapeError(
    subject,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })),
  );
}
