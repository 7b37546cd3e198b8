import { render } from '@testing-library/react';
import { useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { useFocusOnChange } from './useFocusOnChange';

function Heading({ step }: { step: string | undefined }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(ref, step, () => true);
  return (
    <h2 ref={ref} tabIndex={-1}>
      {step ?? 'Loading'}
    </h2>
  );
}

describe('useFocusOnChange', () => {
  it('leaves focus where the page put it when the first step renders or arrives after loading', () => {
    const { rerender, getByRole } = render(<Heading step={undefined} />);
    rerender(<Heading step="personal" />);
    expect(getByRole('heading')).not.toHaveFocus();
    const other = render(<Heading step="personal" />);
    expect(other.getAllByRole('heading')[1]).not.toHaveFocus();
  });

  it('moves focus to the heading when the person moves on to another step', () => {
    const { rerender, getByRole } = render(<Heading step={undefined} />);
    rerender(<Heading step="personal" />);
    rerender(<Heading step="address" />);
    expect(getByRole('heading')).toHaveFocus();
  });
});
