import { useTranslation } from 'react-i18next';
import { SUPPORTED_LANGUAGES } from '../../shared/i18n/languages.ts';
import { useUserSettings } from '../app/UserSettingsContext.ts';
import { rendererLogger } from '../platform/log.ts';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { update } = useUserSettings();
  return (
    <div className="language-switcher" role="group" aria-label={t('app.language')}>
      {SUPPORTED_LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="chip"
          aria-pressed={i18n.language === lng}
          onClick={() => {
            void i18n.changeLanguage(lng);
            // Remembered in the profile; if it cannot be saved, the choice still holds for this run.
            void update({ language: lng }).catch(rendererLogger('settings').swallow('saving the language'));
          }}
        >
          {t(`app.languages.${lng}`)}
        </button>
      ))}
    </div>
  );
}
