import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { formatDemoMessage } from './i18n/demoMessages';
import type { DemoLocale, DemoMessageId } from './i18n/demoMessages';

/** The colour scheme the wallet is drawn in. */
export type Theme = 'light' | 'dark';

/** The reader's display choices and the demo's translator for the chosen language. */
export interface Preferences {
  theme: Theme;
  locale: DemoLocale;
  setTheme(theme: Theme): void;
  setLocale(locale: DemoLocale): void;
  /** The demo's own words in the chosen language. */
  text(id: DemoMessageId, params?: Record<string, string>): string;
}

const PreferencesContext = createContext<Preferences | null>(null);
PreferencesContext.displayName = 'PreferencesContext';

// Only display choices are stored: nothing a user typed ever reaches browser storage.
const THEME_KEY = 'northwind.theme';
const LOCALE_KEY = 'northwind.locale';

function readStored<T extends string>(key: string, allowed: readonly T[]): T | undefined {
  try {
    const value = window.localStorage.getItem(key);
    return allowed.find((candidate) => candidate === value);
  } catch {
    // Storage can be disabled (private modes, strict policies): fall back to defaults.
    return undefined;
  }
}

function store(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembering a display choice is harmless.
  }
}

function initialTheme(): Theme {
  return (
    readStored(THEME_KEY, ['light', 'dark'] as const) ??
    (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')
  );
}

function initialLocale(): DemoLocale {
  return (
    readStored(LOCALE_KEY, ['en', 'es'] as const) ??
    (window.navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en')
  );
}

/**
 * Holds the theme and language, mirrors them onto `<html>` (`data-theme`,
 * `lang`) so CSS and assistive technology see them, and remembers them.
 */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState(initialTheme);
  const [locale, setLocaleState] = useState(initialLocale);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setTheme = useCallback((next: Theme) => {
    setThemeState(next);
    store(THEME_KEY, next);
  }, []);
  const setLocale = useCallback((next: DemoLocale) => {
    setLocaleState(next);
    store(LOCALE_KEY, next);
  }, []);

  const preferences = useMemo<Preferences>(
    () => ({
      theme,
      locale,
      setTheme,
      setLocale,
      text: (id, params) => formatDemoMessage(locale, id, params),
    }),
    [theme, locale, setTheme, setLocale],
  );
  return <PreferencesContext.Provider value={preferences}>{children}</PreferencesContext.Provider>;
}

/** The preferences of the nearest {@link PreferencesProvider}. */
export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (preferences === null) throw new Error('usePreferences must be used inside <PreferencesProvider>.');
  return preferences;
}
