import { MAGIC_VALUES } from '@kyc-kit/sandbox';

/** What the ready message needs to know about the running demo. */
export interface ReadyMessageInput {
  port: number;
  /** `the sandbox (simulating coinbase)`, or the real provider's name. */
  upstream: string;
  /** Where the demo keeps its state (a directory, or Postgres). */
  state?: string;
  /** Whether the upstream is the sandbox: only then do the magic values apply. */
  sandbox: boolean;
}

/**
 * The lines the demo prints once it listens: every URL to open (the wallet,
 * the headless page, the component catalogue), how to sign in, and, against
 * the sandbox, the magic values that reach each path of the flow. A first run
 * tells a new user everything needed to try the kit, and nothing else.
 */
export function readyMessage({ port, upstream, state, sandbox }: ReadyMessageInput): string {
  const base = `http://localhost:${port}`;
  const lines = [
    `kyc-kit demo ready on ${base}`,
    `  upstream:  ${upstream}`,
    ...(state === undefined ? [] : [`  state:     ${state}`]),
    `  wallet:    ${base}/`,
    `  headless:  ${base}/onboarding/headless`,
    `  storybook: ${base}/storybook/`,
    '  sign in:   any username, no password (a demo account is made on first sign-in)',
  ];
  if (sandbox) {
    lines.push(
      '  test values (sandbox):',
      `    SSN ${MAGIC_VALUES.rejectedSsn}: rejected`,
      `    ZIP code ${MAGIC_VALUES.rejectedPostalCode}: rejected`,
      `    birth year ${MAGIC_VALUES.rejectedBirthYear}: rejected`,
      `    last name "${MAGIC_VALUES.sanctionedLastName}": the capability ends unavailable`,
      `    first name "${MAGIC_VALUES.slowFirstName}": stays in review until "Finish verification now" in the sandbox panel`,
    );
  }
  return `${lines.join('\n')}\n`;
}
