import type { ReactNode } from 'react';

/** The colour family of a `<StatusMessage>`; reaches CSS as `data-tone`. */
export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** Props of {@link StatusMessage}. */
export interface StatusMessageProps {
  /**
   * The colour family.
   * @default 'neutral'
   */
  tone?: StatusTone;
  /** A short bold first line. */
  title?: ReactNode;
  /** The message itself. */
  children?: ReactNode;
  /**
   * How assistive technology learns of a change: `polite` (role="status") waits
   * for a pause, `assertive` (role="alert") interrupts, `off` is static text.
   * @default 'off'
   */
  live?: 'off' | 'polite' | 'assertive';
  /**
   * Shows a spinner before the text, for a state that is still in progress.
   * @default false
   */
  busy?: boolean;
  /** Passed through to the outer element. */
  className?: string;
  /** Passed through; lets a surrounding flow move focus here. */
  id?: string;
}

/**
 * A calm, self-contained message box: a status, a confirmation or a generic
 * problem. It renders only the text it is given, never an upstream reason.
 */
export function StatusMessage({
  tone = 'neutral',
  title,
  children,
  live = 'off',
  busy = false,
  className,
  id,
}: StatusMessageProps) {
  const role = live === 'polite' ? 'status' : live === 'assertive' ? 'alert' : undefined;
  return (
    <div
      id={id}
      className={className ? `kyc-status ${className}` : 'kyc-status'}
      data-tone={tone}
      data-busy={busy ? '' : undefined}
      role={role}
      aria-live={role ? live : undefined}
    >
      {busy ? <span className="kyc-spinner" aria-hidden="true" /> : null}
      <div className="kyc-status-body">
        {title ? <p className="kyc-status-title">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
