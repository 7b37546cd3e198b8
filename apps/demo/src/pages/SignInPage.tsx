import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Layout } from '../components/Layout';
import { usePreferences } from '../PreferencesProvider';
import { useRouter } from '../RouterProvider';
import { safeReturnPath } from '../safeReturnPath';
import { SignInError, useDemoSession } from '../useDemoSession';

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/i;

/**
 * The demo's sign-in: any username makes a demo account. The error is
 * written to say what to do, and focus moves to the field it is about.
 */
export function SignInPage() {
  const { text } = usePreferences();
  const { signIn } = useDemoSession();
  const { location, navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<'invalid' | 'failed' | 'limited' | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const alertId = `${id}-alert`;
  // Not about the username: a lost connection, or too many sign-ins from this network (429).
  const alert = error === 'failed' ? 'signInFailed' : error === 'limited' ? 'signInLimited' : null;
  const describedBy = [hintId, error === 'invalid' ? errorId : null, alert ? alertId : null];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!USERNAME_PATTERN.test(username.trim())) {
      setError('invalid');
      inputRef.current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await signIn(username);
      navigate(safeReturnPath(location.search.get('next')), { replace: true });
    } catch (caught) {
      const code = caught instanceof SignInError ? caught.code : '';
      setError(
        code === 'invalid_username'
          ? 'invalid'
          : code === 'rate_limited' || code === 'http_429'
            ? 'limited'
            : 'failed',
      );
      // The username typed stays in the field, ready to send again.
      inputRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Layout title={text('signInTitle')}>
      <p className="lead">{text('signInIntro')}</p>
      <form className="card sign-in" noValidate onSubmit={(event) => void onSubmit(event)}>
        {location.search.get('ended') === '1' && (
          <p className="notice" role="status">
            {text('sessionEnded')}
          </p>
        )}
        {alert && (
          <p id={alertId} className="alert" role="alert">
            {text(alert)}
          </p>
        )}
        <div className="field" data-invalid={error === 'invalid' || undefined}>
          <label htmlFor={id}>{text('username')}</label>
          <p id={hintId} className="hint">
            {text('usernameHint')}
          </p>
          {error === 'invalid' && (
            <p id={errorId} className="error-text" role="alert">
              {text('usernameError')}
            </p>
          )}
          <input
            ref={inputRef}
            id={id}
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            aria-describedby={describedBy.filter((entry) => entry !== null).join(' ')}
            aria-invalid={error === 'invalid' || undefined}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? text('signingIn') : text('signIn')}
        </button>
      </form>
    </Layout>
  );
}
