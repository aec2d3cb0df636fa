// Offers key backup until it is set up: a calm banner, and a dialog that shows the recovery key once.
import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureCrossSigning, isKeyBackupSetUp, PasswordRequiredError, setUpKeyBackup } from '../../matrix/secureBackup.ts';
import { useSession } from '../../app/SessionContext.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';

type Step =
  { kind: 'ask'; needsPassword: boolean; error: string | null } | { kind: 'working' } | { kind: 'show-key'; recoveryKey: string };

export interface RecoveryState {
  /** Key backup is not set up: messages could not be read again on a new device, nor after signing out. */
  needed: boolean;
  dialogOpen: boolean;
  openDialog: () => void;
  closeDialog: () => void;
  /** The recovery key was shown and saved. */
  done: () => void;
}

/** Whether key backup still needs setting up, and the set-up dialog's state: shared by the banner and sign-out. */
export function useRecovery(): RecoveryState {
  const session = useSession();
  const [needed, setNeeded] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  useEffect(() => {
    let live = true;
    void session.crossSigning.then(async () => {
      const backedUp = await isKeyBackupSetUp(session.client).catch(() => false);
      if (live) setNeeded(!backedUp);
    });
    return () => {
      live = false;
    };
  }, [session]);
  return useMemo(
    () => ({
      needed,
      dialogOpen,
      openDialog: () => setDialogOpen(true),
      closeDialog: () => setDialogOpen(false),
      done: () => {
        setDialogOpen(false);
        setNeeded(false);
      },
    }),
    [needed, dialogOpen],
  );
}

export function RecoveryBanner({ recovery }: { recovery: RecoveryState }) {
  const { t } = useTranslation();
  if (!recovery.needed) return null;
  return (
    <div className="banner banner-info" role="region" aria-label={t('recovery.bannerLabel')}>
      <span>{t('recovery.banner')}</span>
      <button type="button" className="button button-secondary" onClick={recovery.openDialog}>
        {t('recovery.setUp')}
      </button>
    </div>
  );
}

export function RecoveryDialog({ recovery }: { recovery: RecoveryState }) {
  const { t } = useTranslation();
  const session = useSession();
  const [step, setStep] = useState<Step>({ kind: 'ask', needsPassword: false, error: null });
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void session.crossSigning.then((state) => {
      if (live)
        setStep((current) => (current.kind === 'ask' ? { ...current, needsPassword: state === 'needs-password' } : current));
    });
    return () => {
      live = false;
    };
  }, [session]);

  async function start(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const needsPassword = step.kind === 'ask' && step.needsPassword;
    setStep({ kind: 'working' });
    try {
      await ensureCrossSigning(session.client, password || undefined);
      const recoveryKey = await setUpKeyBackup(session.client);
      setPassword('');
      setStep({ kind: 'show-key', recoveryKey });
    } catch (error) {
      const key = error instanceof PasswordRequiredError ? 'recovery.errors.password' : 'recovery.errors.failed';
      setStep({ kind: 'ask', needsPassword: needsPassword || error instanceof PasswordRequiredError, error: t(key) });
    }
  }

  return (
    <Dialog title={t('recovery.title')} open={recovery.dialogOpen} onClose={recovery.closeDialog}>
      {step.kind === 'show-key' ? (
        <div className="dialog-form">
          <p>{t('recovery.saveIt')}</p>
          <label htmlFor="recovery-key" className="field-label">
            {t('recovery.keyLabel')}
          </label>
          <textarea id="recovery-key" className="recovery-key" readOnly value={step.recoveryKey} rows={2} />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void navigator.clipboard.writeText(step.recoveryKey)}
          >
            {t('recovery.copy')}
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} /> {t('recovery.confirmSaved')}
          </label>
          <div className="dialog-actions">
            <button type="button" className="button button-primary inline" disabled={!saved} onClick={recovery.done}>
              {t('recovery.done')}
            </button>
          </div>
        </div>
      ) : (
        <form className="dialog-form" onSubmit={(e) => void start(e)}>
          <p>{t('recovery.explain')}</p>
          {step.kind === 'ask' && step.error ? (
            <p className="alert alert-error" role="alert">
              {step.error}
            </p>
          ) : null}
          {step.kind === 'ask' && step.needsPassword ? (
            <TextField
              label={t('recovery.password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={recovery.closeDialog}>
              {t('recovery.later')}
            </button>
            <button type="submit" className="button button-primary inline" disabled={step.kind === 'working'}>
              {step.kind === 'working' ? t('recovery.working') : t('recovery.create')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
