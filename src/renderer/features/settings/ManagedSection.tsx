// What the organisation manages: every setting machine policy locks is shown as locked, with its value
// and the reason (which file or registry value set it).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { lockedSettings } from '../../../shared/policy/managedSettings.ts';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import type { TranslationKey } from '../../i18n/keys.ts';

/** Managed settings with a wording of their own; the others are shown by their policy key. */
const SETTING_LABELS: Partial<Record<string, TranslationKey>> = {
  homeservers: 'settings.keys.homeservers',
  allowCustomHomeserver: 'settings.keys.allowCustomHomeserver',
  'tchap.enabled': 'settings.keys.tchap.enabled',
  'calls.sfuUrl': 'settings.keys.calls.sfuUrl',
  'teamsBridge.enabled': 'settings.keys.teamsBridge.enabled',
  'teamsBridge.sunset': 'settings.keys.teamsBridge.sunset',
  'autoUpdate.enabled': 'settings.keys.autoUpdate.enabled',
  'notifications.enabled': 'settings.keys.notifications.enabled',
  'notifications.sound': 'settings.keys.notifications.sound',
  'spellcheck.enabled': 'settings.keys.spellcheck.enabled',
  logLevel: 'settings.keys.logLevel',
  'branding.organisationName': 'settings.keys.branding.organisationName',
  'branding.logo': 'settings.keys.branding.logo',
  'branding.accentColor': 'settings.keys.branding.accentColor',
  'branding.accentColorDark': 'settings.keys.branding.accentColorDark',
  'branding.theme': 'settings.keys.branding.theme',
};

export function ManagedSection() {
  const { t } = useTranslation();
  const locked = lockedSettings(useManagedSettings());
  return (
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
              <dt>{labelOf(key, t)}</dt>
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
  );
}

function labelOf(key: string, t: TFunction): string {
  const label = SETTING_LABELS[key];
  return label ? t(label) : key;
}

function formatValue(value: unknown, t: TFunction): string {
  if (value === true) return t('settings.on');
  if (value === false) return t('settings.off');
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ') || '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
