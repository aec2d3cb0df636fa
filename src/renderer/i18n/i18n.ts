import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { pickLanguage, type Language } from '../../shared/i18n/languages.ts';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

export type { TranslationKey } from './keys.ts';

export async function initI18n(preferredLanguages: readonly string[]): Promise<i18n> {
  const lng: Language = pickLanguage(preferredLanguages);
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return instance;
}
