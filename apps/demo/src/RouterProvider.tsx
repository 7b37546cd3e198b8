import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

/** The current location as the app's screens see it. */
export interface Location {
  pathname: string;
  search: URLSearchParams;
}

/** Client-side navigation over the History API. */
export interface Router {
  location: Location;
  /** Goes to `to` (a path with an optional query), adding a history entry unless `replace`. */
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<Router | null>(null);
RouterContext.displayName = 'RouterContext';

function readLocation(): Location {
  return { pathname: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

/**
 * A router small enough to read in one sitting: the address bar is the state,
 * `pushState` changes it and `popstate` (back and forward) reads it back.
 */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(readLocation);

  useEffect(() => {
    const onPopState = () => setLocation(readLocation());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, options?: { replace?: boolean }) => {
    if (options?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(readLocation());
  }, []);

  const router = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/** The router of the nearest {@link RouterProvider}. */
export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (router === null) throw new Error('useRouter must be used inside <RouterProvider>.');
  return router;
}

/** An `<a>` that navigates without a page load, and still opens in a new tab on Ctrl or middle click. */
export function Link({
  href,
  onClick,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...props} />;
}
