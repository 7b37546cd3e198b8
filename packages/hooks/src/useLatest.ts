import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * A ref that holds the latest `value` (set after each render): callbacks a
 * caller passes inline are read when they fire, without re-running effects.
 */
export function useLatest<Value>(value: Value): RefObject<Value> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
