// "Your account has expired" (Tchap account validity). The renewal happens through a link the
// homeserver e-mails; from here the user can ask for that e-mail again, say they have renewed (we
// check, then finish signing in), or give up (the half-made session is logged out).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountExpiredError, confirmAccountValid, defaultFetch, TIMEOUT_MS, type Credentials } from '../../matrix/signIn.ts';
import { requestRenewalEmail } from '../../matrix/tchap/accountValidity.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { rendererLogger } from '../../platform/log.ts';

export interface ExpiredAccountDialogProps {
  /** The expired sign-in; the dialog is open while this is set. */
  expired: AccountExpiredError | null;
  onRenewed: (credentials: Credentials) => Promise<void>;
  onClose: () => void;
}

type Mail = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; at: Date } | { kind: 'failed' };
type Check = 'idle' | 'checking' | 'still-expired' | 'failed';

export function ExpiredAccountDialog({ expired, onRenewed, onClose }: ExpiredAccountDialogProps) {
  const { t, i18n } = useTranslation();
  const [mail, setMail] = useState<Mail>({ kind: 'idle' });
  const [check, setCheck] = useState<Check>('idle');
  const credentials = expired?.credentials ?? null;

  function close() {
    setMail({ kind: 'idle' });
    setCheck('idle');
    onClose();
  }

  async function sendMail(from: Credentials) {
    setMail({ kind: 'sending' });
    const sent = await requestRenewalEmail(from.homeserverUrl, from.accessToken, defaultFetch, TIMEOUT_MS);
    setMail(sent ? { kind: 'sent', at: new Date() } : { kind: 'failed' });
  }

  async function checkRenewed(from: Credentials) {
    setCheck('checking');
    try {
      await confirmAccountValid(from);
    } catch (error) {
      setCheck(error instanceof AccountExpiredError ? 'still-expired' : 'failed');
      return;
    }
    try {
      await onRenewed(from);
    } catch (error) {
      rendererLogger('signin').swallow('continuing with the renewed account')(error);
      setCheck('failed');
    }
  }

  const time = mail.kind === 'sent' ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(mail.at) : '';
  return (
    <Dialog title={t('expired.title')} open={expired !== null} onClose={close}>
      <div className="dialog-form">
        <p>{credentials ? t('expired.body') : t('expired.bodyWithoutSession')}</p>
        {mail.kind === 'sent' ? (
          <p className="alert alert-success" role="status">
            {t('expired.sent', { time })}
          </p>
        ) : null}
        {mail.kind === 'failed' ? (
          <p className="alert alert-error" role="alert">
            {t('expired.sendFailed')}
          </p>
        ) : null}
        {check === 'still-expired' || check === 'failed' ? (
          <p className="alert alert-error" role="alert">
            {t(check === 'still-expired' ? 'expired.stillExpired' : 'expired.checkFailed')}
          </p>
        ) : null}
        <div className="dialog-actions dialog-actions-wrap">
          <button type="button" className="button button-secondary" onClick={close}>
            {t('expired.close')}
          </button>
          {credentials ? (
            <>
              <button
                type="button"
                className="button button-secondary"
                disabled={mail.kind === 'sending'}
                onClick={() => void sendMail(credentials)}
              >
                {mail.kind === 'sending' ? t('expired.sending') : t('expired.sendEmail')}
              </button>
              <button
                type="button"
                className="button button-primary inline"
                disabled={check === 'checking'}
                onClick={() => void checkRenewed(credentials)}
              >
                {check === 'checking' ? t('expired.checking') : t('expired.renewed')}
              </button>
            </>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}
