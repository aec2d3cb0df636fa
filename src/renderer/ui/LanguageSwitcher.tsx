import { useTranslation } from 'react-i18next';
import { SUPPORTED_LANGUAGES } from '../../shared/i18n/languages.ts';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switcher" role="group" aria-label={t('app.language')}>
      {SUPPORTED_LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="chip"
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`app.languages.${lng}`)}
        </button>
      ))}
    </div>
  );
}
