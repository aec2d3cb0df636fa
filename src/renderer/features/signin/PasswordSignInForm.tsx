// The plain Matrix sign-in: homeserver, user name, password, and single sign-on when the homeserver
// offers it; or, when the homeserver delegates authentication to an OIDC issuer, the way there
// instead. An organisation that fixes the homeserver (allowCustomHomeserver: false) shows it as text.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { useUserSettings } from '../../app/UserSettingsContext.ts';
import { signInWithPassword, type Credentials } from '../../matrix/signIn.ts';
import { TextField } from '../../ui/TextField.tsx';
import { OidcSignIn } from './OidcSignIn.tsx';
import { chooseSignIn } from './signInChoice.ts';
import { SsoButtons, type SsoProblem } from './SsoButtons.tsx';
import { useLoginFlows } from './useLoginFlows.ts';
import { rendererLogger } from '../../platform/log.ts';

export interface SignInFormProps {
  onCredentials: (credentials: Credentials) => Promise<void>;
  /** null clears the current error. */
  onFailure: (error: unknown) => void;
  onSsoProblem: (problem: SsoProblem) => void;
}

export function PasswordSignInForm({
  defaultHomeserver,
  onCredentials,
  onFailure,
  onSsoProblem,
}: SignInFormProps & { defaultHomeserver: string }) {
  const { t } = useTranslation();
  const config = useAppConfig();
  const { update } = useUserSettings();
  const fixedHomeserver = config.allowCustomHomeserver ? null : (config.defaultHomeserver ?? null);
  const [homeserver, setHomeserver] = useState(fixedHomeserver ?? defaultHomeserver);
  // Asked about once the address is settled (on load and when the field loses focus), not per key.
  const [settledHomeserver, setSettledHomeserver] = useState(fixedHomeserver ?? defaultHomeserver);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const discovered = useLoginFlows(settledHomeserver);
  // Flows describe the settled address: while a new one is being typed they no longer apply.
  const current = homeserver.trim() === settledHomeserver.trim() ? discovered : null;
  const signInPolicy = useManagedSettings().settings.signIn;
  const legacySso = config.sso.enabled ? (current?.flows.sso ?? null) : null;
  const choice = current
    ? chooseSignIn(
        {
          oidcIssuer: current.oidc?.issuer ?? null,
          password: current.flows.password || legacySso === null,
          sso: legacySso !== null,
        },
        signInPolicy,
      )
    : null;
  const oidc = choice?.kind === 'oidc' ? (current?.oidc ?? null) : null;
  const sso = choice?.kind === 'legacy' && choice.sso ? legacySso : null;
  // Until the server has answered, the form is what policy allows at all.
  const passwordOffered = choice
    ? choice.kind === 'legacy' && choice.password
    : !signInPolicy.requireOidc && signInPolicy.passwordEnabled;

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    onFailure(null);
    try {
      // A homeserver the person typed is saved as their choice before anything is sent to it: in
      // the desktop app that is what lets main's egress filter reach it (only when machine policy
      // allows custom homeservers; otherwise main refuses and the sign-in fails as unreachable).
      const beforeConnect =
        fixedHomeserver === null
          ? (baseUrl: string) =>
              update({ homeserver: baseUrl }).catch(rendererLogger('settings').swallow('saving the homeserver'))
          : undefined;
      await onCredentials(await signInWithPassword({ homeserver, username, password, beforeConnect }));
    } catch (error) {
      onFailure(error);
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        {fixedHomeserver === null ? (
          <TextField
            label={t('signIn.homeserver')}
            hint={t('signIn.homeserverHint')}
            name="homeserver"
            autoComplete="url"
            inputMode="url"
            spellCheck={false}
            autoCapitalize="none"
            value={homeserver}
            onChange={(e) => setHomeserver(e.target.value)}
            onBlur={() => setSettledHomeserver(homeserver)}
            required
          />
        ) : (
          <p className="signin-summary">{t('signIn.fixedHomeserver', { homeserver: fixedHomeserver })}</p>
        )}
        {passwordOffered ? (
          <>
            <TextField
              label={t('signIn.username')}
              hint={t('signIn.usernameHint')}
              name="username"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="none"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
            <TextField
              label={t('signIn.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </>
        ) : null}
      </form>
      {current && oidc ? (
        <OidcSignIn
          homeserverUrl={current.homeserverUrl}
          metadata={oidc}
          fixedClientId={signInPolicy.oidcClientId}
          onFailure={onFailure}
        />
      ) : null}
      {choice?.kind === 'refused' ? (
        <p className="signin-summary" role="status">
          {t(`oidc.policy.${choice.reason}`)}
        </p>
      ) : null}
      {current && sso ? (
        <SsoButtons homeserverUrl={current.homeserverUrl} providers={sso} disabled={busy} onProblem={onSsoProblem} />
      ) : null}
    </>
  );
}
