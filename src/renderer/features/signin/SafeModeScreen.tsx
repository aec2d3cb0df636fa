import { useTranslation } from 'react-i18next';
import { Logo } from '../../ui/Logo.tsx';

/** The machine policy is broken: say so plainly; nothing connects until IT fixes it. */
export function SafeModeScreen({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <main className="splash">
      <div className="signin-card" role="alert" aria-labelledby="safe-mode-title">
        <Logo size={40} />
        <h1 id="safe-mode-title">{t('safeMode.title')}</h1>
        <p className="safe-mode-message">{message}</p>
        <p className="muted small">{t('safeMode.offline')}</p>
      </div>
    </main>
  );
}
