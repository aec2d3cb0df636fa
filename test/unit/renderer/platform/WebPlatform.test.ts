import { describe, expect, it, vi } from 'vitest';
import { WebPlatform, type WebPlatformEnv } from '../../../../src/renderer/platform/WebPlatform.ts';
import { managedSettingsSchema } from '../../../../src/shared/policy/managedSettings.ts';
import { builtInDefaults } from '../../../../src/shared/policy/settings.ts';

function platform(env: Partial<WebPlatformEnv> = {}) {
  const open = vi.fn<(url: string) => void>();
  const web = new WebPlatform({ languages: ['fr-FR', 'en'], open, ...env });
  return { web, open };
}

describe('WebPlatform', () => {
  it('is the web platform', () => {
    expect(platform().web.kind).toBe('web');
  });

  it('keeps secrets in memory: set, get, overwrite, delete', async () => {
    const { web } = platform();
    await expect(web.getSecret('token')).resolves.toBeNull();
    await web.setSecret('token', 'syt_1');
    await expect(web.getSecret('token')).resolves.toBe('syt_1');
    await web.setSecret('token', 'syt_2');
    await expect(web.getSecret('token')).resolves.toBe('syt_2');
    await web.deleteSecret('token');
    await expect(web.getSecret('token')).resolves.toBeNull();
    await expect(web.deleteSecret('never-set')).resolves.toBeUndefined();
  });

  it('keeps secrets per instance (a reload — a new instance — forgets them)', async () => {
    const first = platform().web;
    await first.setSecret('token', 'syt_1');
    await expect(platform().web.getSecret('token')).resolves.toBeNull();
  });

  it('does not resolve keys through the prototype chain', async () => {
    const { web } = platform();
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expect(web.getSecret(key)).resolves.toBeNull();
    }
    await web.setSecret('__proto__', 'x');
    await expect(web.getSecret('__proto__')).resolves.toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('does not write secrets anywhere persistent', async () => {
    const { web } = platform();
    await web.setSecret('token', 'syt_secret');
    expect(JSON.stringify(web)).not.toContain('syt_secret');
  });

  it('reports non-persistent memory storage', async () => {
    await expect(platform().web.secretStorage()).resolves.toEqual({ persistent: false, backend: 'memory', problem: null });
  });

  it('returns a copy of the preferred languages', async () => {
    const languages = ['fr-FR', 'en'];
    const { web } = platform({ languages });
    const got = await web.preferredLanguages();
    expect(got).toEqual(['fr-FR', 'en']);
    got.push('de');
    expect(languages).toEqual(['fr-FR', 'en']);
    await expect(web.preferredLanguages()).resolves.toEqual(['fr-FR', 'en']);
  });

  it.each([
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['http://example.org', 'http://example.org/'],
    ['mailto:agent@example.gouv.fr', 'mailto:agent@example.gouv.fr'],
  ])('opens %s as %s', async (url, expected) => {
    const { web, open } = platform();
    await expect(web.openExternal(url)).resolves.toBe(true);
    expect(open).toHaveBeenCalledExactlyOnceWith(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'blob:https://example.org/uuid',
    'relais://app/index.html',
    'ms-msdt:/id x',
    '/relative',
    'not a url',
    '',
  ])('refuses %j without opening anything', async (url) => {
    const { web, open } = platform();
    await expect(web.openExternal(url)).resolves.toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('notify returns false without a notifier, and forwards otherwise', async () => {
    await expect(platform().web.notify('t', 'b')).resolves.toBe(false);
    const notify = vi.fn<(title: string, body: string) => boolean>(() => true);
    await expect(platform({ notify }).web.notify('New message', 'Hello')).resolves.toBe(true);
    expect(notify).toHaveBeenCalledExactlyOnceWith('New message', 'Hello');
    await expect(platform({ notify: () => false }).web.notify('t', 'b')).resolves.toBe(false);
  });

  it('keeps user settings in localStorage: a new instance (a reload) reads them back', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    const first = platform({ storage }).web;
    await expect(first.userSettings()).resolves.toMatchObject({ language: null, notifications: { enabled: true }, locked: {} });
    await first.updateUserSettings({ language: 'fr', notifications: { enabled: false } });
    expect(JSON.parse(store.get('relais.settings') ?? '{}')).toEqual({
      version: 1,
      language: 'fr',
      notifications: { enabled: false },
    });
    await expect(platform({ storage }).web.userSettings()).resolves.toMatchObject({
      language: 'fr',
      notifications: { enabled: false, sound: true },
    });
  });

  it('keeps user settings for the tab when storage is refused, and rejects invalid changes', async () => {
    const storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    const { web } = platform({ storage });
    await web.updateUserSettings({ spellcheck: { enabled: false } });
    await expect(web.userSettings()).resolves.toMatchObject({ spellcheck: { enabled: false } });
    await expect(web.updateUserSettings({ homeserver: 'not a url' })).rejects.toThrow(/homeserver/);
  });
});

describe('WebPlatform: machine policy', () => {
  it('has none: the same checked shape as the desktop, built-in defaults, nothing locked, no allowlist', async () => {
    const managed = await platform().web.managedSettings();
    expect(managedSettingsSchema.parse(managed)).toEqual(managed);
    expect(managed).toMatchObject({
      mode: 'none',
      userMessage: null,
      locks: {},
      egress: { mode: 'unmanaged', allowedHosts: [] },
    });
    expect(managed.settings).toEqual(builtInDefaults(false));
  });
});
