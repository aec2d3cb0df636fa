// Offers key backup until it is set up: a calm banner, and a dialog that shows the recovery key once.
import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureCrossSigning, isKeyBackupSetUp, PasswordRequiredError, setUpKeyBackup } from '../../matrix/secureBackup.ts';
import { useSession } from '../../app/SessionContext.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';

type Step =
  { kind: 'ask'; needsPassword: boolean; error: string | null } | { kind: 'working' } | { kind: 'show-key'; recoveryKey: string };

export function RecoverySetup() {
  const { t } = useTranslation();
  const session = useSession();
  const [needed, setNeeded] = useState(false);
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'ask', needsPassword: false, error: null });
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void session.crossSigning.then(async (state) => {
      const backedUp = await isKeyBackupSetUp(session.client).catch(() => false);
      if (!live) return;
      setNeeded(!backedUp);
      setStep({ kind: 'ask', needsPassword: state === 'needs-password', error: null });
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

  if (!needed) return null;
  return (
    <>
      <div className="banner banner-info" role="region" aria-label={t('recovery.bannerLabel')}>
        <span>{t('recovery.banner')}</span>
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('recovery.setUp')}
        </button>
      </div>
      <Dialog title={t('recovery.title')} open={open} onClose={() => setOpen(false)}>
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
              <button
                type="button"
                className="button button-primary inline"
                disabled={!saved}
                onClick={() => {
                  setOpen(false);
                  setNeeded(false);
                }}
              >
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
              <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
                {t('recovery.later')}
              </button>
              <button type="submit" className="button button-primary inline" disabled={step.kind === 'working'}>
                {step.kind === 'working' ? t('recovery.working') : t('recovery.create')}
              </button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
