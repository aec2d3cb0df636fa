// Settings: language and the person's own preferences (saved in their profile), then what the
// organisation manages: every setting machine policy locks is shown as locked, with its value and
// the reason (which file or registry value set it).
import { useTranslation } from 'react-i18next';
import { lockedSettings } from '../../../shared/policy/managedSettings.ts';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';

const LABELLED_KEYS = new Set([
  'homeservers',
  'allowCustomHomeserver',
  'tchap.enabled',
  'calls.sfuUrl',
  'teamsBridge.enabled',
  'teamsBridge.sunset',
  'autoUpdate.enabled',
  'notifications.enabled',
  'spellcheck.enabled',
  'logLevel',
]);

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const managed = useManagedSettings();
  const locked = lockedSettings(managed);

  return (
    <Dialog title={t('settings.title')} open={open} onClose={onClose}>
      <div className="dialog-form">
        <section aria-labelledby="settings-language">
          <h3 id="settings-language" className="settings-heading">
            {t('app.language')}
          </h3>
          <LanguageSwitcher />
        </section>
        <PreferencesSection />
        <section aria-labelledby="settings-managed">
          <h3 id="settings-managed" className="settings-heading">
            {t('settings.managedHeading')}
          </h3>
          {locked.length === 0 ? (
            <p className="muted small">{t('settings.noneManaged')}</p>
          ) : (
            <dl className="settings-list">
              {locked.map(({ key, value, lock }) => (
                <div key={key} className="settings-row">
                  <dt>{LABELLED_KEYS.has(key) ? t(`settings.keys.${key}`) : key}</dt>
                  <dd>
                    <span className="settings-value">{formatValue(value, t)}</span>
                    <span className="lock">
                      <span aria-hidden="true">🔒 </span>
                      {t('settings.locked', { reason: lock.reason })}
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <div className="dialog-actions">
          <button type="button" className="button button-primary inline" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function formatValue(value: unknown, t: (key: string) => string): string {
  if (value === true) return t('settings.on');
  if (value === false) return t('settings.off');
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ') || '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
