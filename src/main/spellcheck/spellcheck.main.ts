// Spell checking without fetching anything from elsewhere. By default Electron downloads Hunspell
// dictionaries from Google's CDN on Windows and Linux the first time a language is used. Here:
// - macOS: the OS spell checker; Electron downloads nothing (its dictionary API is a no-op there).
// - Windows: Chromium uses the OS spell checker for the languages Windows has; for others it
//   would fetch Hunspell files, so the download URL is pointed at the app itself.
// - Linux: Hunspell. Dictionaries come from the app: `relais://app/dictionaries/<lang>.bdic`, served
//   from the packaged renderer folder when shipped there, or already present in the profile's
//   Dictionaries folder (admins may pre-seed it). A language with neither stays unchecked: the
//   request never leaves the machine (the app scheme is local, and the egress filter allows only
//   local schemes and the configured hosts).
// Only types come from Electron: the session is handed in, so tests pass a fake.
import type { Session } from 'electron';
import { APP_ORIGIN } from '../../shared/appScheme.ts';

export const DICTIONARY_BASE_URL = `${APP_ORIGIN}/dictionaries/`;

export interface SpellcheckPlan {
  enabled: boolean;
  /** null: the OS checker decides (macOS). */
  languages: string[] | null;
  /** null: nothing is ever downloaded (macOS). */
  dictionaryDownloadUrl: string | null;
}

export function spellcheckPlan(
  platform: NodeJS.Platform,
  settings: { enabled: boolean; languages: readonly string[] },
  interfaceLanguage: string,
  available: readonly string[],
): SpellcheckPlan {
  if (platform === 'darwin') return { enabled: settings.enabled, languages: null, dictionaryDownloadUrl: null };
  const wanted = settings.languages.length > 0 ? settings.languages : [interfaceLanguage];
  // Chromium names languages "fr", "fr-FR", "en-GB"...: take an exact match, else the base language.
  const pick = (tag: string): string | undefined =>
    available.find((a) => a.toLowerCase() === tag.toLowerCase()) ??
    available.find((a) => a.toLowerCase().split('-')[0] === tag.toLowerCase().split('-')[0]);
  const languages = [...new Set(wanted.map(pick).filter((l): l is string => l !== undefined))];
  return { enabled: settings.enabled, languages, dictionaryDownloadUrl: DICTIONARY_BASE_URL };
}

type SpellcheckSession = Pick<
  Session,
  'setSpellCheckerEnabled' | 'setSpellCheckerLanguages' | 'setSpellCheckerDictionaryDownloadURL'
>;

export function applySpellcheck(session: SpellcheckSession, plan: SpellcheckPlan): void {
  // The URL first: setting languages is what starts a download.
  if (plan.dictionaryDownloadUrl !== null) session.setSpellCheckerDictionaryDownloadURL(plan.dictionaryDownloadUrl);
  session.setSpellCheckerEnabled(plan.enabled);
  if (plan.languages !== null) session.setSpellCheckerLanguages(plan.languages);
}

/** Logs which dictionaries the app could not provide (no network fetch happens either way). */
export function logDictionaryEvents(session: Pick<Session, 'on'>, log: (message: string) => void): void {
  session.on('spellcheck-dictionary-download-failure', (_event, language) =>
    log(`spellcheck: no dictionary shipped for ${language}; it stays unchecked`),
  );
}
