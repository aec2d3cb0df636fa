// Tchap sign-in, in two steps: the e-mail address finds the user's homeserver (through the
// configured info servers), then the password is checked there, with that server's password rules
// shown as a reminder and its single sign-on offered when it has one.
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TchapConfig } from '../../app/appConfigSchema.ts';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { defaultFetch, signInWithEmail, TIMEOUT_MS } from '../../matrix/signIn.ts';
import { discoverTchapHomeserver, normaliseEmail, type TchapHomeserver } from '../../matrix/tchap/discovery.ts';
import { fetchPasswordPolicy, type PasswordPolicy } from '../../matrix/tchap/passwordPolicy.ts';
import { TextField } from '../../ui/TextField.tsx';
import { fetchLoginFlows, type LoginFlows } from './loginFlows.ts';
import type { SignInFormProps } from './PasswordSignInForm.tsx';
import { PasswordPolicyHint } from './PasswordPolicyHint.tsx';
import { SsoButtons } from './SsoButtons.tsx';

/** How long one info server may take before the next is asked. */
const INFO_SERVER_TIMEOUT_MS = 5_000;

interface Found {
  homeserver: TchapHomeserver;
  policy: PasswordPolicy | null;
  flows: LoginFlows | null;
}

export function TchapSignInForm({ tchap, onCredentials, onFailure, onSsoProblem }: SignInFormProps & { tchap: TchapConfig }) {
  const { t } = useTranslation();
  const config = useAppConfig();
  const policyId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  // Coming back to change the address puts focus in the address field (not on first load: the
  // page must start at its top for screen-reader users).
  const [changingEmail, setChangingEmail] = useState(false);

  async function findServer(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    onFailure(null);
    try {
      const homeserver = await discoverTchapHomeserver(email, {
        infoServers: tchap.infoServers,
        homeserverUrlTemplate: tchap.homeserverUrlTemplate,
        fetch: defaultFetch,
        timeoutMs: INFO_SERVER_TIMEOUT_MS,
      });
      const [policy, flows] = await Promise.all([
        fetchPasswordPolicy(homeserver.baseUrl, defaultFetch, TIMEOUT_MS),
        config.sso.enabled ? fetchLoginFlows(homeserver.baseUrl, defaultFetch, TIMEOUT_MS) : Promise.resolve(null),
      ]);
      setFound({ homeserver, policy, flows });
    } catch (error) {
      onFailure(error);
    } finally {
      setBusy(false);
    }
  }

  async function signIn(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!found) return;
    setBusy(true);
    onFailure(null);
    try {
      await onCredentials(await signInWithEmail({ homeserverUrl: found.homeserver.baseUrl, email, password }));
    } catch (error) {
      onFailure(error);
      setBusy(false);
    }
  }

  if (!found) {
    return (
      <form onSubmit={(e) => void findServer(e)} noValidate aria-busy={busy}>
        <TextField
          autoFocus={changingEmail}
          label={t('tchap.email')}
          hint={t('tchap.emailHint')}
          name="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('tchap.finding') : t('tchap.continue')}
        </button>
      </form>
    );
  }

  const sso = found.flows?.sso ?? null;
  return (
    <>
      <form onSubmit={(e) => void signIn(e)} noValidate aria-busy={busy}>
        <div className="signin-summary">
          <p>{t('tchap.signingInAs', { email: normaliseEmail(email) ?? email.trim(), server: found.homeserver.serverName })}</p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setFound(null);
              setChangingEmail(true);
              setPassword('');
              onFailure(null);
            }}
          >
            {t('tchap.changeEmail')}
          </button>
        </div>
        <TextField
          // The second step starts where the person has to type next.
          autoFocus
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={found.policy ? policyId : undefined}
          required
        />
        {found.policy ? <PasswordPolicyHint id={policyId} policy={found.policy} /> : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      {sso ? (
        <SsoButtons homeserverUrl={found.homeserver.baseUrl} providers={sso} disabled={busy} onProblem={onSsoProblem} />
      ) : null}
    </>
  );
}
