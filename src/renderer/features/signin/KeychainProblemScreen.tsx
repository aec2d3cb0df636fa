import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeychainProblem } from '../../platform/Platform.ts';
import { Logo } from '../../ui/Logo.tsx';

export interface KeychainProblemScreenProps {
  problem: Exclude<KeychainProblem, 'no-keychain'>;
  onRetry: () => Promise<void>;
  onContinueWithout: () => void;
}

/** Shown at start-up when the keychain that holds the session is locked or gone: never a crash. */
export function KeychainProblemScreen({ problem, onRetry, onContinueWithout }: KeychainProblemScreenProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <main className="splash">
      <div className="signin-card" role="alertdialog" aria-labelledby="keychain-title" aria-describedby="keychain-body">
        <Logo size={40} />
        <h1 id="keychain-title">{t(`keychain.${problem}.title`)}</h1>
        <p id="keychain-body">{t(`keychain.${problem}.body`)}</p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onContinueWithout}>
            {t('keychain.continueWithout')}
          </button>
          <button
            type="button"
            className="button button-primary inline"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onRetry().finally(() => setBusy(false));
            }}
          >
            {t('keychain.retry')}
          </button>
        </div>
      </div>
    </main>
  );
}
