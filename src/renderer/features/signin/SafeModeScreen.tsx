import { useTranslation } from 'react-i18next';
import { Logo } from '../../ui/Logo.tsx';

/**
 * The machine policy is broken: say so plainly; nothing connects until IT fixes it. `message` is
 * main's explanation; null when the policy could not be read at all.
 */
export function SafeModeScreen({ message }: { message: string | null }) {
  const { t } = useTranslation();
  return (
    <main className="splash">
      <div className="signin-card" role="alert" aria-labelledby="safe-mode-title">
        <Logo size={40} />
        <h1 id="safe-mode-title">{t('safeMode.title')}</h1>
        <p className="safe-mode-message">{message ?? t('safeMode.unreadable')}</p>
        <p className="muted small">{t('safeMode.offline')}</p>
      </div>
    </main>
  );
}
