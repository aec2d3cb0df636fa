// "Sessions": every place the person is signed in, this one first, with whether each is verified and
// when it was last used; rename, sign out one, or all the others. Signing out asks for the account
// password when the homeserver does (interactive authentication), in a dialog over the settings.
import { useCallback, useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { useFormattingLocale } from '../../i18n/FormattingLocale.ts';
import {
  SessionAuthUnsupportedError,
  SessionPasswordNeededError,
  sessionRows,
  signOutSessions,
  verificationOf,
  WrongSessionPasswordError,
  type SessionRow,
} from '../../matrix/account/sessions.ts';
import { rendererLogger } from '../../platform/log.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';
import './account.css';

const log = rendererLogger('sessions');

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'loaded'; rows: SessionRow[] };

async function fetchSessions(client: ReturnType<typeof useClient>): Promise<Load> {
  try {
    const { devices } = await client.getDevices();
    const verification = await verificationOf(
      client,
      devices.map((d) => d.device_id),
    );
    return { kind: 'loaded', rows: sessionRows(devices, client.getDeviceId(), verification, Date.now()) };
  } catch (error) {
    log.swallow('listing sessions')(error);
    return { kind: 'failed' };
  }
}

function useSessions() {
  const client = useClient();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void fetchSessions(client).then((loaded) => live && setLoad(loaded));
    return () => {
      live = false;
    };
  }, [client]);
  const reload = useCallback(async () => setLoad(await fetchSessions(client)), [client]);
  return { load, reload };
}

export function SessionsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const { load, reload } = useSessions();
  const [toSignOut, setToSignOut] = useState<string[] | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const others = load.kind === 'loaded' ? load.rows.filter((row) => !row.current) : [];
  const current = load.kind === 'loaded' ? load.rows.find((row) => row.current) : undefined;

  return (
    <section aria-labelledby="settings-sessions">
      <h3 id="settings-sessions" className="settings-heading">
        {t('sessions.heading')}
      </h3>
      <p className="muted small">{t('sessions.explain')}</p>
      {load.kind === 'loading' ? <p role="status">{t('sessions.loading')}</p> : null}
      {load.kind === 'failed' ? (
        <p className="alert alert-error" role="alert">
          {t('sessions.loadFailed')}{' '}
          <button type="button" className="button button-secondary" onClick={() => void reload()}>
            {t('sessions.retry')}
          </button>
        </p>
      ) : null}
      {current ? (
        <ul className="sessions-list" aria-label={t('sessions.thisSession')}>
          <SessionItem row={current} onRenamed={reload} onSignOut={null} />
        </ul>
      ) : null}
      {load.kind === 'loaded' ? (
        <>
          <div className="sessions-others">
            <h4 className="settings-heading">{t('sessions.others')}</h4>
            {others.length > 1 ? (
              <button
                type="button"
                className="button button-danger inline"
                onClick={() => setToSignOut(others.map((row) => row.deviceId))}
              >
                {t('sessions.signOutOthers')}
              </button>
            ) : null}
          </div>
          {others.length === 0 ? <p className="muted small">{t('sessions.none')}</p> : null}
          <ul className="sessions-list" aria-label={t('sessions.others')}>
            {others.map((row) => (
              <SessionItem key={row.deviceId} row={row} onRenamed={reload} onSignOut={() => setToSignOut([row.deviceId])} />
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted small" role="status">
        {done !== null ? t('sessions.signedOut', { count: done }) : ''}
      </p>
      {toSignOut ? (
        <SignOutSessionsDialog
          deviceIds={toSignOut}
          onClose={() => setToSignOut(null)}
          onSignedOut={() => {
            setDone(toSignOut.length);
            setToSignOut(null);
            void reload();
          }}
          signOut={(password) => signOutSessions(client, toSignOut, password)}
        />
      ) : null}
    </section>
  );
}

function SessionItem({
  row,
  onRenamed,
  onSignOut,
}: {
  row: SessionRow;
  onRenamed: () => Promise<void>;
  /** null for this session: signing it out is the header's Sign out. */
  onSignOut: (() => void) | null;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useFormattingLocale();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(row.name ?? '');
  const [failed, setFailed] = useState(false);
  const label = row.name ?? t('sessions.unnamed');
  const when =
    row.lastSeenTs === null
      ? t('sessions.neverSeen')
      : t('sessions.lastSeen', {
          when: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(row.lastSeenTs),
        });

  async function rename(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailed(false);
    try {
      await client.setDeviceDetails(row.deviceId, { display_name: name.trim() });
      setRenaming(false);
      await onRenamed();
    } catch (error) {
      log.swallow('renaming a session')(error);
      setFailed(true);
    }
  }

  return (
    <li className="session" aria-label={label}>
      <span className="session-name">{label}</span>
      <span className="session-badges">
        {row.current ? <span className="session-badge">{t('sessions.thisSession')}</span> : null}
        {row.verification === 'verified' ? (
          <span className="session-badge session-badge-verified">{t('sessions.verified')}</span>
        ) : (
          // Unknown too: a session with no encryption keys (a script, an old client) cannot be verified.
          <span className="session-badge session-badge-unverified">{t('sessions.unverified')}</span>
        )}
        {row.inactive ? <span className="session-badge session-badge-inactive">{t('sessions.inactive')}</span> : null}
      </span>
      <span className="session-details">
        {t('sessions.deviceId', { id: row.deviceId })} · {when}
      </span>
      <span className="session-actions">
        <button type="button" className="button button-secondary" aria-expanded={renaming} onClick={() => setRenaming((r) => !r)}>
          {t('sessions.rename')}
        </button>
        {onSignOut ? (
          <button
            type="button"
            className="button button-secondary"
            aria-label={t('sessions.signOutNamed', { name: label })}
            onClick={onSignOut}
          >
            {t('sessions.signOut')}
          </button>
        ) : null}
      </span>
      {renaming ? (
        <form className="session-rename" onSubmit={(event) => void rename(event)} noValidate>
          <TextField
            label={t('sessions.renameLabel')}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
          <button type="submit" className="button button-secondary">
            {t('sessions.save')}
          </button>
          {failed ? (
            <p className="alert alert-error" role="alert">
              {t('sessions.renameFailed')}
            </p>
          ) : null}
        </form>
      ) : null}
    </li>
  );
}

function SignOutSessionsDialog({
  deviceIds,
  onClose,
  onSignedOut,
  signOut,
}: {
  deviceIds: readonly string[];
  onClose: () => void;
  onSignedOut: () => void;
  signOut: (password?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signOut(password);
      onSignedOut();
    } catch (problem) {
      if (problem instanceof WrongSessionPasswordError || problem instanceof SessionPasswordNeededError)
        setError(t('sessions.wrongPassword'));
      else if (problem instanceof SessionAuthUnsupportedError)
        setError(t('sessions.unsupported', { flows: problem.flows.join(', ') }));
      else {
        log.swallow('signing sessions out')(problem);
        setError(t('sessions.failed'));
      }
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('sessions.confirmTitle')} open onClose={onClose}>
      <form id={formId} className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <p>{t('sessions.confirmExplain', { count: deviceIds.length })}</p>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <TextField
          label={t('sessions.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus
        />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-danger inline" disabled={busy || password === ''}>
            {t('sessions.signOut')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
