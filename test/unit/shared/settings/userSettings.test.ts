// The user's settings as stored in the profile, read tolerantly, shown with their locks, and changed
// only where machine policy allows.
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../../src/shared/policy/resolve.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';
import {
  applyUserSettingsChange,
  parseUserSettings,
  serializeUserSettings,
  userSettingsChangeSchema,
  userSettingsView,
  type StoredUserSettings,
  type UserSettingsChange,
} from '../../../../src/shared/settings/userSettings.ts';

const common = { searched: [], sources: [], notices: [] };
const EMPTY: StoredUserSettings = { version: 1 };
const NO_POLICY: LoadedPolicy = { status: 'none', ...common };
function policy(document: Record<string, unknown>): LoadedPolicy {
  // Every value written, by dotted path, as the loader records origins.
  const origins: Record<string, { source: string; line?: number }> = {};
  const walk = (value: unknown, at: string[]): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [key, child] of Object.entries(value)) walk(child, [...at, key]);
    else origins[at.join('.')] = { source: '/etc/relais/policy.json', line: 2 };
  };
  walk(document, []);
  return { status: 'valid', ...common, document: { policyVersion: 1, ...document }, origins };
}

function change(stored: StoredUserSettings, request: UserSettingsChange, loaded: LoadedPolicy = NO_POLICY) {
  return applyUserSettingsChange(stored, userSettingsChangeSchema.parse(request), resolveSettings(loaded, stored));
}

describe('reading settings.json', () => {
  it('round-trips what it writes', () => {
    const settings: StoredUserSettings = {
      version: 1,
      language: 'fr',
      homeservers: ['https://matrix.example.org'],
      notifications: { enabled: false, sound: true },
      spellcheck: { enabled: false },
    };
    expect(parseUserSettings(serializeUserSettings(settings))).toEqual({ settings, problems: [] });
  });

  it('keeps the valid keys of a damaged file and names every problem', () => {
    const read = parseUserSettings(
      JSON.stringify({ version: 1, language: 'de', notifications: { enabled: false }, homeservers: ['ftp://x'], colour: 'dark' }),
    );
    expect(read.settings).toEqual({ version: 1, notifications: { enabled: false } });
    expect(read.problems).toHaveLength(3);
    expect(read.problems.join('\n')).toMatch(/"language"/);
    expect(read.problems.join('\n')).toMatch(/"homeservers"/);
    expect(read.problems.join('\n')).toMatch(/unknown key "colour"/);
  });

  it('treats text that is not a JSON object as empty settings, with the reason', () => {
    expect(parseUserSettings('{ "language": ')).toMatchObject({
      settings: { version: 1 },
      problems: [expect.stringMatching(/^not JSON/) as string],
    });
    expect(parseUserSettings('[]')).toEqual({ settings: { version: 1 }, problems: ['not a JSON object'] });
  });
});

describe('the theme setting', () => {
  it('is stored when chosen, removed to follow the system again, and an unknown theme is refused', () => {
    const chosen = applyUserSettingsChange(
      { version: 1 },
      userSettingsChangeSchema.parse({ theme: 'dark' }),
      resolveSettings(NO_POLICY, { version: 1 }),
    );
    expect(chosen).toEqual({ ok: true, settings: { version: 1, theme: 'dark' } });
    const back = applyUserSettingsChange(
      { version: 1, theme: 'dark' },
      userSettingsChangeSchema.parse({ theme: null }),
      resolveSettings(NO_POLICY, { version: 1 }),
    );
    expect(back).toEqual({ ok: true, settings: { version: 1 } });
    expect(userSettingsChangeSchema.safeParse({ theme: 'neon' }).success).toBe(false);
    expect(parseUserSettings('{"version":1,"theme":"neon"}').problems.join()).toMatch(/"theme"/);
  });
});

describe('the settings screen view', () => {
  it('without policy: stored values over built-in defaults, nothing locked', () => {
    const stored: StoredUserSettings = {
      version: 1,
      language: 'fr',
      theme: 'dark-hc',
      notifications: { sound: false },
      homeservers: ['https://mine.example'],
    };
    expect(userSettingsView(stored, resolveSettings(NO_POLICY, stored))).toEqual({
      language: 'fr',
      theme: 'dark-hc',
      notifications: { enabled: true, sound: false },
      spellcheck: { enabled: true },
      chat: { urlPreviews: 'unencrypted', developerMode: false },
      homeserver: 'https://mine.example',
      locked: {},
    });
  });

  it('link previews and developer mode: changed by the user, or fixed and locked by policy', () => {
    const stored = change(EMPTY, { chat: { urlPreviews: 'all', developerMode: true } });
    expect(stored).toMatchObject({ ok: true, settings: { chat: { urlPreviews: 'all', developerMode: true } } });
    const mine = stored.ok ? stored.settings : EMPTY;
    expect(userSettingsView(mine, resolveSettings(NO_POLICY, mine)).chat).toEqual({ urlPreviews: 'all', developerMode: true });

    const locked = policy({ chat: { urlPreviews: 'off' } });
    const view = userSettingsView(mine, resolveSettings(locked, mine));
    expect(view.chat).toEqual({ urlPreviews: 'off', developerMode: true });
    expect(view.locked['chat.urlPreviews']).toContain('/etc/relais/policy.json');
    expect(view.locked['chat.developerMode']).toBeUndefined();
    expect(change(mine, { chat: { urlPreviews: 'all' } }, locked)).toMatchObject({
      ok: false,
      reason: 'locked',
      key: 'chat.urlPreviews',
    });
    expect(userSettingsChangeSchema.safeParse({ chat: { urlPreviews: 'sometimes' } }).success).toBe(false);
  });

  it('with policy: mandatory values shown and locked with their reason; a hand-edited locked value changes nothing', () => {
    const loaded = policy({ notifications: { enabled: false }, homeservers: ['https://matrix.example.gouv.fr'] });
    const stored: StoredUserSettings = { version: 1, notifications: { enabled: true }, homeservers: ['https://mine.example'] };
    const view = userSettingsView(stored, resolveSettings(loaded, stored));
    expect(view.notifications.enabled).toBe(false);
    expect(view.homeserver).toBeNull();
    expect(view.locked['notifications.enabled']).toContain('/etc/relais/policy.json');
    expect(view.locked['homeserver']).toContain('/etc/relais/policy.json');
    expect(view.locked['notifications.sound']).toBeUndefined();
  });
});

describe('changing settings', () => {
  const empty: StoredUserSettings = { version: 1 };

  it('merges a change into the stored settings; null clears the language and the homeserver', () => {
    const first = change(empty, { language: 'fr', notifications: { sound: false }, homeserver: 'https://mine.example' });
    expect(first).toEqual({
      ok: true,
      settings: { version: 1, language: 'fr', notifications: { sound: false }, homeservers: ['https://mine.example'] },
    });
    const second = first.ok
      ? change(first.settings, { language: null, homeserver: null, notifications: { enabled: false } })
      : first;
    expect(second).toEqual({ ok: true, settings: { version: 1, notifications: { sound: false, enabled: false } } });
  });

  it('refuses the whole change when it touches a locked setting', () => {
    const loaded = policy({ notifications: { enabled: false } });
    expect(change(empty, { language: 'fr', notifications: { enabled: true } }, loaded)).toMatchObject({
      ok: false,
      reason: 'locked',
      key: 'notifications.enabled',
    });
    expect(change(empty, { notifications: { sound: false } }, loaded)).toMatchObject({ ok: true });
  });

  it('refuses a homeserver when policy fixes the homeservers or forbids custom ones', () => {
    for (const loaded of [
      policy({ homeservers: ['https://matrix.example.gouv.fr'] }),
      policy({ allowCustomHomeserver: false }),
    ]) {
      expect(change(empty, { homeserver: 'https://mine.example' }, loaded)).toMatchObject({
        ok: false,
        reason: 'locked',
        key: 'homeserver',
      });
    }
    expect(change(empty, { homeserver: 'https://mine.example' }, policy({ allowCustomHomeserver: true }))).toMatchObject({
      ok: true,
    });
  });

  it('refuses a homeserver that is not an https URL (plain http only on loopback)', () => {
    expect(change(empty, { homeserver: 'http://matrix.example.org' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      key: 'homeserver',
    });
    expect(change(empty, { homeserver: 'https://user:pw@matrix.example.org' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(change(empty, { homeserver: 'http://127.0.0.1:8008' })).toMatchObject({ ok: true });
  });

  it('the IPC schema refuses unknown keys and wrong types', () => {
    expect(userSettingsChangeSchema.safeParse({ homeservers: ['x'] }).success).toBe(false);
    expect(userSettingsChangeSchema.safeParse({ notifications: { enabled: 'yes' } }).success).toBe(false);
    expect(userSettingsChangeSchema.safeParse({ language: 'de' }).success).toBe(false);
  });
});
