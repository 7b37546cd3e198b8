import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * Moves focus to `ref` whenever `key` changes after the first render, so a
 * screen reader user hears the new step's heading instead of staying on a
 * button that no longer exists. The first render never steals focus from the page.
 */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: string | undefined): void {
  const previousRef = useRef(key);
  useEffect(() => {
    if (previousRef.current === key) return;
    previousRef.current = key;
    ref.current?.focus();
  }, [ref, key]);
}
