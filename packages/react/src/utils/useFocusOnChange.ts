import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * Moves focus to `ref` whenever `key` changes to a new value that is set (not `undefined` or empty)
 * and `when` says yes at the change, so a screen reader user hears the new step's heading instead of
 * staying on a button that no longer exists. Neither the first render nor the
 * first key set (the step arriving after loading) moves focus: a page
 * that merely opens, or a story embedded in a Docs page, never has its
 * focus or scroll position stolen.
 */
export function useFocusOnChange(
  ref: RefObject<HTMLElement | null>,
  key: string | undefined,
  when: () => boolean,
): void {
  // The last key set: until there is one, a change is the content arriving, not the person moving on.
  const shownRef = useRef(key);
  useEffect(() => {
    if (!key || key === shownRef.current) return;
    if (shownRef.current && when()) ref.current?.focus();
    shownRef.current = key;
  }, [ref, key, when]);
}
