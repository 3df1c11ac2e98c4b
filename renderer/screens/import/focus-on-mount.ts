import { useEffect, useRef, type RefObject } from 'react';

/**
 * Focus for an element that replaces the part of the screen the technician was working in (the button they
 * pressed is gone), so keyboard and screen-reader users land on the new content instead of the page's top.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus({ preventScroll: false });
    // Only when the element appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
