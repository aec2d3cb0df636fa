// Relais speaks French and English. French wins when the system prefers it, English otherwise.
export const SUPPORTED_LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    const match = SUPPORTED_LANGUAGES.find((l) => l === base);
    if (match) return match;
  }
  return FALLBACK_LANGUAGE;
}
