// Renders a component inside the app's real i18n set-up (the same resources as the app), in one language.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../../src/renderer/i18n/i18n.ts';

export type TestLanguage = 'en' | 'fr';

export async function renderIn(language: TestLanguage, ui: ReactNode): Promise<RenderResult> {
  const i18n = await initI18n([language]);
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}
