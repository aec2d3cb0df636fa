// The settings a person may change for themselves, saved in their profile. One that machine policy
// locks is shown with its value, disabled, and the reason next to it (read by screen readers too).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserSettings } from '../../app/UserSettingsContext.ts';
import type { UserSettingsChange } from '../../platform/Platform.ts';
import { THEMES, type Theme } from '../../../shared/settings/userSettings.ts';

const THEME_CHOICES = ['system', ...THEMES] as const;

function ThemeChoice({ theme, onChange }: { theme: Theme | null; onChange: (theme: Theme | null) => Promise<void> }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="settings-theme">
      <legend>{t('settings.theme.label')}</legend>
      {THEME_CHOICES.map((choice) => (
        <label key={choice} className="settings-radio">
          <input
            type="radio"
            name={name}
            value={choice}
            checked={(theme ?? 'system') === choice}
            onChange={() => void onChange(choice === 'system' ? null : choice)}
          />
          {t(`settings.theme.${choice}`)}
        </label>
      ))}
    </fieldset>
  );
}

interface ToggleProps {
  label: string;
  checked: boolean;
  lockReason: string | undefined;
  onChange: (checked: boolean) => Promise<void>;
}

function PreferenceToggle({ label, checked, lockReason, onChange }: ToggleProps) {
  const { t } = useTranslation();
  const id = useId();
  // Shown at once while it is being saved; the saved value (or the old one, if refused) follows.
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <div className="settings-toggle">
      <input
        id={id}
        type="checkbox"
        checked={pending ?? checked}
        disabled={lockReason !== undefined}
        aria-describedby={lockReason !== undefined ? `${id}-lock` : undefined}
        onChange={(event) => {
          setPending(event.target.checked);
          void onChange(event.target.checked).finally(() => setPending(null));
        }}
      />
      <label htmlFor={id}>{label}</label>
      {lockReason !== undefined ? (
        <span id={`${id}-lock`} className="lock">
          <span aria-hidden="true">🔒 </span>
          {t('settings.locked', { reason: lockReason })}
        </span>
      ) : null}
    </div>
  );
}

const URL_PREVIEW_CHOICES = ['off', 'unencrypted', 'all'] as const;
type UrlPreviews = (typeof URL_PREVIEW_CHOICES)[number];

function UrlPreviewChoice({
  value,
  lockReason,
  onChange,
}: {
  value: UrlPreviews;
  lockReason: string | undefined;
  onChange: (value: UrlPreviews) => Promise<void>;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="settings-theme" disabled={lockReason !== undefined} aria-describedby={`${name}-hint`}>
      <legend>{t('settings.keys.chat.urlPreviews')}</legend>
      <p id={`${name}-hint`} className="muted small">
        {t('settings.urlPreviewsHint')}
        {lockReason !== undefined ? ` ${t('settings.locked', { reason: lockReason })}` : ''}
      </p>
      {URL_PREVIEW_CHOICES.map((choice) => (
        <label key={choice} className="settings-radio">
          <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => void onChange(choice)} />
          {t(`settings.urlPreviews.${choice}`)}
        </label>
      ))}
    </fieldset>
  );
}

export function PreferencesSection() {
  const { t } = useTranslation();
  const { settings, update } = useUserSettings();
  const [failed, setFailed] = useState(false);
  const save = (change: UserSettingsChange): Promise<void> => {
    setFailed(false);
    return update(change).catch(() => setFailed(true));
  };
  return (
    <section aria-labelledby="settings-preferences">
      <h3 id="settings-preferences" className="settings-heading">
        {t('settings.preferencesHeading')}
      </h3>
      <ThemeChoice theme={settings.theme} onChange={(theme) => save({ theme })} />
      <PreferenceToggle
        label={t('settings.keys.notifications.enabled')}
        checked={settings.notifications.enabled}
        lockReason={settings.locked['notifications.enabled']}
        onChange={(enabled) => save({ notifications: { enabled } })}
      />
      <PreferenceToggle
        label={t('settings.keys.notifications.sound')}
        checked={settings.notifications.sound}
        lockReason={settings.locked['notifications.sound']}
        onChange={(sound) => save({ notifications: { sound } })}
      />
      <PreferenceToggle
        label={t('settings.keys.spellcheck.enabled')}
        checked={settings.spellcheck.enabled}
        lockReason={settings.locked['spellcheck.enabled']}
        onChange={(enabled) => save({ spellcheck: { enabled } })}
      />
      <UrlPreviewChoice
        value={settings.chat.urlPreviews}
        lockReason={settings.locked['chat.urlPreviews']}
        onChange={(urlPreviews) => save({ chat: { urlPreviews } })}
      />
      <PreferenceToggle
        label={t('settings.keys.chat.developerMode')}
        checked={settings.chat.developerMode}
        lockReason={settings.locked['chat.developerMode']}
        onChange={(developerMode) => save({ chat: { developerMode } })}
      />
      {failed ? (
        <p role="alert" className="alert alert-error">
          {t('settings.saveFailed')}
        </p>
      ) : null}
    </section>
  );
}
