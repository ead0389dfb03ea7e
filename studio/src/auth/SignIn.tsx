/** The sign-in page: workspace, email and password; why the user is here when their session ended. */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { useSession } from './session.js';

export function SignIn() {
  const { t } = useI18n();
  const { signIn, ended } = useSession();
  const [failed, setFailed] = useState<'auth.failed' | 'auth.locked' | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      await signIn(String(form.get('workspace')), String(form.get('email')), String(form.get('password')));
      navigate({ page: 'home' }, true);
    } catch (error) {
      setFailed(error instanceof ApiError && error.status === 429 ? 'auth.locked' : 'auth.failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit}>
        <h1>{t('app.name')}</h1>
        <h2>{t('auth.title')}</h2>
        {failed && (
          <p className="form-error" role="alert">
            {t(failed)}
          </p>
        )}
        {ended && !failed && (
          <p className="hint" role="status">
            {t('auth.ended')}
          </p>
        )}
        <label htmlFor="workspace">{t('auth.workspace')}</label>
        <input id="workspace" name="workspace" defaultValue="default" autoComplete="organization" required />
        <label htmlFor="email">{t('auth.email')}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">{t('auth.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="primary" disabled={busy}>
          {t('auth.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
