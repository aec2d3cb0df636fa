import { describe, expect, it } from 'vitest';
import { formatDay, formatTime, formattingLocale, sameDay } from '../../../../src/renderer/ui/formatTime.ts';

// 18:39 local time, whatever the machine's time zone.
const EVENING = new Date(2026, 10, 27, 18, 39).getTime();

describe('formattingLocale', () => {
  it('keeps the system’s region when it speaks the UI language', () => {
    expect(formattingLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formattingLocale('en', ['fr-FR', 'en-US'])).toBe('en-US');
    expect(formattingLocale('fr', ['en-GB', 'fr-BE'])).toBe('fr-BE');
  });

  it('reads POSIX-style tags (en_GB) as the OS may give them', () => {
    expect(formattingLocale('en', ['en_GB'])).toBe('en-GB');
  });

  it('falls back to the European convention of the UI language', () => {
    expect(formattingLocale('en', ['fr-FR'])).toBe('en-GB');
    expect(formattingLocale('fr', [])).toBe('fr-FR');
    expect(formattingLocale('en', ['C'])).toBe('en-GB');
  });
});

describe('formatTime', () => {
  it('writes 24-hour time for British English and French', () => {
    expect(formatTime(EVENING, formattingLocale('en', ['en-GB']))).toBe('18:39');
    expect(formatTime(EVENING, formattingLocale('fr', ['fr-FR']))).toBe('18:39');
  });

  it('pads the hour on a 24-hour clock', () => {
    const morning = new Date(2026, 10, 27, 6, 9).getTime();
    expect(formatTime(morning, 'en-GB')).toBe('06:09');
    expect(formatTime(morning, 'fr-FR')).toBe('06:09');
  });

  it('writes 12-hour time for American English', () => {
    // Intl separates "PM" with a narrow no-break space.
    expect(formatTime(EVENING, formattingLocale('en', ['en-US'])).replace(/\s/g, ' ')).toBe('6:39 PM');
  });
});

describe('formatDay', () => {
  it('writes the day out in the locale’s words', () => {
    expect(formatDay(EVENING, 'fr-FR')).toBe('vendredi 27 novembre 2026');
    expect(formatDay(EVENING, 'en-GB')).toBe('Friday, 27 November 2026');
  });
});

describe('sameDay', () => {
  it('compares local calendar days', () => {
    expect(sameDay(new Date(2026, 0, 5, 0, 1).getTime(), new Date(2026, 0, 5, 23, 59).getTime())).toBe(true);
    expect(sameDay(new Date(2026, 0, 5, 23, 59).getTime(), new Date(2026, 0, 6, 0, 1).getTime())).toBe(false);
  });
});
