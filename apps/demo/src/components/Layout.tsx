import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { DemoLocale } from '../i18n/demoMessages';
import { usePreferences } from '../PreferencesProvider';
import type { Theme } from '../PreferencesProvider';
import { Link, useRouter } from '../RouterProvider';
import { useDemoSession } from '../useDemoSession';

/** Props of {@link Layout}. */
export interface LayoutProps {
  /** The page's `<h1>` text; also the document title. */
  title: string;
  children: ReactNode;
}

const NAVIGATION = [
  { href: '/', id: 'navHome' },
  { href: '/onboarding', id: 'navOnboarding' },
  { href: '/onboarding/headless', id: 'navHeadless' },
] as const;

const LANGUAGES: { locale: DemoLocale; name: string }[] = [
  { locale: 'en', name: 'English' },
  { locale: 'es', name: 'Español' },
];

function PreferenceSwitches() {
  const { theme, setTheme, locale, setLocale, text } = usePreferences();
  const themes: { value: Theme; label: string }[] = [
    { value: 'light', label: text('themeLight') },
    { value: 'dark', label: text('themeDark') },
  ];
  return (
    <div className="preferences" role="group" aria-label={text('preferences')}>
      <fieldset className="segmented">
        <legend>{text('theme')}</legend>
        {themes.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => setTheme(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>{text('language')}</legend>
        {LANGUAGES.map((option) => (
          <label key={option.locale} lang={option.locale}>
            <input
              type="radio"
              name="language"
              value={option.locale}
              checked={locale === option.locale}
              onChange={() => setLocale(option.locale)}
            />
            <span>{option.name}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/**
 * The wallet's frame: skip link, banner with navigation and display
 * switches, one `<main>` with the page's `<h1>` (focusable, so the router
 * can move focus to it after a navigation), and a footer.
 */
export function Layout({ title, children }: LayoutProps) {
  const { text } = usePreferences();
  const { session, signOut } = useDemoSession();
  const { location, navigate } = useRouter();

  useEffect(() => {
    document.title = `${title} · ${text('appName')}`;
  }, [title, text]);

  const user = session?.user ?? null;
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // Focus the target itself: not every browser moves keyboard focus on an in-page link.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {text('skipToContent')}
      </a>
      <header className="banner">
        <div
          className="banner-inner"
          data-menu-open={menuOpen || undefined}
          onKeyDown={(event) => {
            // Escape closes the phone's menu and returns focus to its button.
            if (event.key !== 'Escape' || !menuOpen) return;
            setMenuOpen(false);
            menuButtonRef.current?.focus();
          }}
        >
          <Link href="/" className="brand">
            <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
              <rect width="32" height="32" rx="8" fill="currentColor" />
              <path d="M9 23V9h3l8 9V9h3v14h-3l-8-9v9z" fill="var(--nw-color-on-brand)" />
            </svg>
            <span>{text('appName')}</span>
          </Link>
          {/* On a phone the navigation, the switches and the account fold behind one button: a one-line banner. */}
          <button
            ref={menuButtonRef}
            type="button"
            className="button button-quiet menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={user !== null ? `${menuId}-navigation ${menuId}` : menuId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {text('menu')}
          </button>
          {user !== null && (
            <nav id={`${menuId}-navigation`} aria-label={text('primaryNavigation')}>
              <ul>
                {NAVIGATION.map((item) => (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={location.pathname === item.href ? 'page' : undefined}
                    >
                      {text(item.id)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div id={menuId} className="banner-menu">
            <PreferenceSwitches />
            {user !== null && (
              <div className="account">
                <span className="account-name">{text('signedInAs', { username: user.username })}</span>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => void signOut().then(() => navigate('/sign-in', { replace: true }))}
                >
                  {text('signOut')}
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1 tabIndex={-1}>{title}</h1>
        {children}
      </main>
      <footer className="footer">
        <p>
          {text('footer')} <a href="/storybook/">{text('navStorybook')}</a>
        </p>
      </footer>
    </>
  );
}
