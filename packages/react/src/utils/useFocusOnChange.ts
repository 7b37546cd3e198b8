import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * Moves focus to `ref` whenever `key` changes to a new defined value, so a screen reader user hears the new step's heading instead of
 * staying on a button that no longer exists. Neither the first render nor the
 * first defined key (the step arriving after loading) moves focus: a page
 * that merely opens, or a story embedded in a Docs page, never has its
 * focus or scroll position stolen. `when`, if given, is asked at the change:
 * `false` leaves focus where it is.
 */
export function useFocusOnChange(
  ref: RefObject<HTMLElement | null>,
  key: string | undefined,
  when?: () => boolean,
): void {
  const previousRef = useRef(key);
  // Whether a key was ever shown: until then a change is the content arriving, not the person moving on.
  const hadKeyRef = useRef(key !== undefined);
  useEffect(() => {
    if (previousRef.current === key) return;
    previousRef.current = key;
    if (key === undefined) return;
    if (!hadKeyRef.current) {
      hadKeyRef.current = true;
      return;
    }
    if (when?.() !== false) ref.current?.focus();
  }, [ref, key, when]);
}
