// Times and dates as the person's region writes them. The UI language alone is not enough: an English
// UI is read by people in London (18:39) and in New York (6:39 PM), so the region comes from the
// system's preferred languages when one of them is in the UI language.

/** Relais's users are European: an English UI with no regional preference gets British conventions. */
const REGION_DEFAULTS: Readonly<Record<string, string>> = { en: 'en-GB', fr: 'fr-FR' };

/**
 * The BCP 47 locale to format with: the first preferred language in the UI's language (its region
 * included), else the UI language's European default.
 */
export function formattingLocale(uiLanguage: string, preferred: readonly string[]): string {
  const base = primarySubtag(uiLanguage);
  for (const tag of preferred) {
    const normalised = tag.trim().replace(/_/g, '-');
    if (primarySubtag(normalised) === base && isValidLocale(normalised)) return normalised;
  }
  return REGION_DEFAULTS[base] ?? uiLanguage;
}

function primarySubtag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

function isValidLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false; // a malformed tag (the OS can report odd ones, like "C")
  }
}

/**
 * Hours and minutes, 12- or 24-hour as the locale uses: "18:39" and "06:09" on a 24-hour clock (the
 * hour padded, as British and French timetables write it), "6:39 PM" on a 12-hour one.
 */
export function formatTime(timestamp: number, locale: string): string {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  const twentyFour = hourCycle === 'h23' || hourCycle === 'h24';
  return new Intl.DateTimeFormat(locale, { hour: twentyFour ? '2-digit' : 'numeric', minute: '2-digit' }).format(timestamp);
}

/** The day, written out in full, for the separators between days. */
export function formatDay(timestamp: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(timestamp);
}

/** Whether two instants fall on the same local calendar day. */
export function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
