// The user's own settings, kept in the profile (desktop: settings.json in Electron's userData folder;
// web: localStorage). Pure: the stored shape, a tolerant reader, what the settings screen is shown,
// and how a change is applied. Machine policy always wins: a change to a locked setting is refused
// here, and a locked value that reaches the file anyway (edited by hand) is ignored by resolveSettings.
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../i18n/languages.ts';
import type { ResolvedSettings } from '../policy/resolve.ts';
import { defaultsSchema } from '../policy/schema.ts';
import type { SettingKey } from '../policy/settings.ts';

export const USER_SETTINGS_VERSION = 1;

/** Compound's four themes; no stored theme means following the system (light or dark, more contrast). */
export const THEMES = ['light', 'dark', 'light-hc', 'dark-hc'] as const;
export type Theme = (typeof THEMES)[number];

/**
 * The stored file. Policy-controlled keys use the policy's own names and validation (the same
 * schema as the policy's `defaults`), so resolveSettings reads the file directly.
 */
const storedFields = {
  language: z.enum(SUPPORTED_LANGUAGES),
  theme: z.enum(THEMES),
  /** One homeserver the user chose, when policy allows custom homeservers. */
  homeservers: defaultsSchema.shape.homeservers.unwrap().max(1),
  notifications: defaultsSchema.shape.notifications.unwrap(),
  spellcheck: defaultsSchema.shape.spellcheck.unwrap(),
  chat: defaultsSchema.shape.chat.unwrap(),
};
export type StoredUserSettings = { version: typeof USER_SETTINGS_VERSION } & {
  [K in keyof typeof storedFields]?: z.output<(typeof storedFields)[K]>;
};

export const EMPTY_USER_SETTINGS: StoredUserSettings = { version: USER_SETTINGS_VERSION };

export interface UserSettingsRead {
  settings: StoredUserSettings;
  /** What was dropped and why (never silently): unknown keys, invalid values, unreadable text. */
  problems: string[];
}

/** Reads stored settings key by key: one bad value costs that value, not every setting. */
export function parseUserSettings(text: string): UserSettingsRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      settings: { ...EMPTY_USER_SETTINGS },
      problems: [`not JSON (${error instanceof Error ? error.message : 'unreadable'})`],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { settings: { ...EMPTY_USER_SETTINGS }, problems: ['not a JSON object'] };
  }
  const problems: string[] = [];
  const settings: Record<string, unknown> = { version: USER_SETTINGS_VERSION };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'version') {
      if (value !== USER_SETTINGS_VERSION) problems.push(`version ${JSON.stringify(value)} is not ${USER_SETTINGS_VERSION}`);
      continue;
    }
    const schema = Object.hasOwn(storedFields, key) ? storedFields[key as keyof typeof storedFields] : undefined;
    if (!schema) {
      problems.push(`unknown key "${key}"`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) settings[key] = parsed.data;
    else problems.push(`"${key}": ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return { settings: settings as StoredUserSettings, problems };
}

export function serializeUserSettings(settings: StoredUserSettings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

const reason = z.string();
/** What the settings screen shows: every user setting with its effective value, and the locks. */
export const userSettingsViewSchema = z.object({
  /** null: follow the system's language. */
  language: z.enum(SUPPORTED_LANGUAGES).nullable(),
  /** null: follow the system's appearance. */
  theme: z.enum(THEMES).nullable(),
  notifications: z.object({ enabled: z.boolean(), sound: z.boolean() }),
  spellcheck: z.object({ enabled: z.boolean() }),
  chat: z.object({ urlPreviews: z.enum(['off', 'unencrypted', 'all']), developerMode: z.boolean() }),
  /** The homeserver the user chose (null: none, the configured one applies). */
  homeserver: z.string().nullable(),
  /** Settings the user cannot change, by change key ("notifications.enabled", "homeserver"), with why. */
  locked: z.record(z.string(), reason),
});
export type UserSettingsView = z.output<typeof userSettingsViewSchema>;

/** A change from the settings screen or the sign-in screen; absent keys stay as they are. */
export const userSettingsChangeSchema = z.strictObject({
  language: z.enum(SUPPORTED_LANGUAGES).nullable().optional(),
  theme: z.enum(THEMES).nullable().optional(),
  notifications: z.strictObject({ enabled: z.boolean().optional(), sound: z.boolean().optional() }).optional(),
  spellcheck: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  chat: z
    .strictObject({ urlPreviews: z.enum(['off', 'unencrypted', 'all']).optional(), developerMode: z.boolean().optional() })
    .optional(),
  homeserver: z.string().max(2048).nullable().optional(),
});
export type UserSettingsChange = z.input<typeof userSettingsChangeSchema>;

/** Change keys and the policy setting each one writes. */
const POLICY_KEY_OF = {
  'notifications.enabled': 'notifications.enabled',
  'notifications.sound': 'notifications.sound',
  'spellcheck.enabled': 'spellcheck.enabled',
  'chat.urlPreviews': 'chat.urlPreviews',
  'chat.developerMode': 'chat.developerMode',
  homeserver: 'homeservers',
} as const satisfies Record<string, SettingKey>;
type ChangeKey = keyof typeof POLICY_KEY_OF;

function lockReason(resolved: ResolvedSettings, key: SettingKey): string | null {
  const setting = resolved.settings[key];
  return setting.locked ? (setting.lockReason ?? 'locked by machine policy') : null;
}

export function userSettingsView(stored: StoredUserSettings, resolved: ResolvedSettings): UserSettingsView {
  const locked: Record<string, string> = {};
  for (const [changeKey, policyKey] of Object.entries(POLICY_KEY_OF)) {
    const why = lockReason(resolved, policyKey);
    if (why !== null) locked[changeKey] = why;
  }
  const homeservers = resolved.settings.homeservers;
  return {
    language: stored.language ?? null,
    theme: stored.theme ?? null,
    notifications: { ...resolved.values.notifications },
    spellcheck: { enabled: resolved.values.spellcheck.enabled },
    chat: { ...resolved.values.chat },
    homeserver: homeservers.source === 'user' ? (resolved.values.homeservers[0] ?? null) : null,
    locked,
  };
}

export type ChangeResult =
  { ok: true; settings: StoredUserSettings } | { ok: false; reason: 'locked' | 'invalid'; key: string; message: string };

/**
 * Applies a change to the stored settings, or refuses it whole when it touches a locked setting or
 * holds an invalid value: a partly applied change would leave the screen showing something else
 * than what was asked.
 */
export function applyUserSettingsChange(
  stored: StoredUserSettings,
  change: z.output<typeof userSettingsChangeSchema>,
  resolved: ResolvedSettings,
): ChangeResult {
  const touched: ChangeKey[] = [];
  if (change.notifications?.enabled !== undefined) touched.push('notifications.enabled');
  if (change.notifications?.sound !== undefined) touched.push('notifications.sound');
  if (change.spellcheck?.enabled !== undefined) touched.push('spellcheck.enabled');
  if (change.chat?.urlPreviews !== undefined) touched.push('chat.urlPreviews');
  if (change.chat?.developerMode !== undefined) touched.push('chat.developerMode');
  if (change.homeserver !== undefined) touched.push('homeserver');
  for (const key of touched) {
    const why = lockReason(resolved, POLICY_KEY_OF[key]);
    if (why !== null) return { ok: false, reason: 'locked', key, message: `${key} cannot be changed: ${why}` };
  }
  const next: StoredUserSettings = structuredClone(stored);
  if (change.language === null) delete next.language;
  else if (change.language !== undefined) next.language = change.language;
  if (change.theme === null) delete next.theme;
  else if (change.theme !== undefined) next.theme = change.theme;
  if (change.notifications) next.notifications = { ...next.notifications, ...definedOnly(change.notifications) };
  if (change.spellcheck) next.spellcheck = { ...next.spellcheck, ...definedOnly(change.spellcheck) };
  if (change.chat) next.chat = { ...next.chat, ...definedOnly(change.chat) };
  if (change.homeserver === null) delete next.homeservers;
  else if (change.homeserver !== undefined) {
    const parsed = storedFields.homeservers.safeParse([change.homeserver]);
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => issue.message).join('; ');
      return { ok: false, reason: 'invalid', key: 'homeserver', message: `homeserver ${message}` };
    }
    next.homeservers = parsed.data;
  }
  return { ok: true, settings: next };
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
