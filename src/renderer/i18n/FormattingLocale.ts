// The system's preferred languages, for formatting dates and times (ui/formatTime.ts): i18next knows
// only the UI language ("en"), not the region ("en-GB") that decides 18:39 against 6:39 PM.
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../ui/formatTime.ts';

// Without a provider (components rendered on their own, in tests) the browser's list stands in.
export const PreferredLanguagesContext = createContext<readonly string[]>(
  typeof navigator === 'undefined' ? [] : navigator.languages,
);

/** The locale to format dates and times with: the UI language, in the system's region. */
export function useFormattingLocale(): string {
  const { i18n } = useTranslation();
  return formattingLocale(i18n.language, useContext(PreferredLanguagesContext));
}
