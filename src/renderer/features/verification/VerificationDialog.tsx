import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import type { VerificationController } from './useVerification.ts';

/** One dialog for every step of emoji verification, in whichever direction it was started. */
export function VerificationDialog({ controller }: { controller: VerificationController }) {
  const { t } = useTranslation();
  const { view } = controller;
  if (view.kind === 'idle') return null;
  return (
    <Dialog title={t('verify.title', { userId: view.userId })} open onClose={() => void controller.cancel()}>
      <div className="dialog-form">
        {view.kind === 'incoming' ? (
          <>
            <p>{t('verify.incoming', { userId: view.userId })}</p>
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={() => void controller.cancel()}>
                {t('verify.decline')}
              </button>
              <button type="button" className="button button-primary inline" onClick={() => void controller.accept()}>
                {t('verify.accept')}
              </button>
            </div>
          </>
        ) : null}
        {view.kind === 'waiting-for-other' || view.kind === 'waiting-for-confirmation' ? (
          <p role="status">
            {t(view.kind === 'waiting-for-other' ? 'verify.waiting' : 'verify.waitingConfirm', { userId: view.userId })}
          </p>
        ) : null}
        {view.kind === 'compare' ? (
          <>
            <p>{t('verify.compare')}</p>
            <ul className="sas-emoji" aria-label={t('verify.emojiLabel')}>
              {view.emoji.map(([emoji, name], i) => (
                <li key={`${name}-${String(i)}`}>
                  <span className="sas-symbol" aria-hidden="true">
                    {emoji}
                  </span>
                  <span className="sas-name">{name}</span>
                </li>
              ))}
            </ul>
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={() => controller.mismatch()}>
                {t('verify.mismatch')}
              </button>
              <button type="button" className="button button-primary inline" onClick={() => void controller.confirm()}>
                {t('verify.match')}
              </button>
            </div>
          </>
        ) : null}
        {view.kind === 'done' || view.kind === 'cancelled' ? (
          <>
            <p role="status">{t(view.kind === 'done' ? 'verify.done' : 'verify.cancelled', { userId: view.userId })}</p>
            <div className="dialog-actions">
              <button type="button" className="button button-primary inline" onClick={() => controller.close()}>
                {t('common.close')}
              </button>
            </div>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
