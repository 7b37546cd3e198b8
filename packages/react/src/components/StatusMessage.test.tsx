import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusMessage } from './StatusMessage';

describe('<StatusMessage>', () => {
  it('is static text unless asked to be live', () => {
    render(<StatusMessage title="Saved">All done</StatusMessage>);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByText('All done')).toBeInTheDocument();
  });

  it('announces politely or assertively, and carries its tone as data-tone', () => {
    render(
      <>
        <StatusMessage live="polite" tone="info">
          Checking
        </StatusMessage>
        <StatusMessage live="assertive" tone="danger">
          Failed
        </StatusMessage>
      </>,
    );
    expect(screen.getByRole('status')).toHaveAttribute('data-tone', 'info');
    expect(screen.getByRole('alert')).toHaveAttribute('data-tone', 'danger');
  });

  it('passes className through and hides its spinner from assistive technology', () => {
    const { container } = render(
      <StatusMessage className="mine" busy>
        Working
      </StatusMessage>,
    );
    expect(container.firstElementChild).toHaveClass('kyc-status', 'mine');
    expect(container.querySelector('.kyc-spinner')).toHaveAttribute('aria-hidden', 'true');
  });
});
