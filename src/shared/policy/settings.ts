// The settings machine policy controls, as Relais uses them: their names, which ones a user may
// change, their fully-filled shape (a schema built from the policy schema's own leaves, which also
// checks them where they cross IPC), and the built-in defaults. The schema (schema.ts) says what a
// policy may contain; this module says what every setting is when nothing sets it.
import { z } from 'zod';
import { policySettingsSchema } from './schema.ts';

/** Every setting, as dotted paths to the values that are set and locked as a whole. */
export const SETTING_KEYS = [
  'homeservers',
  'allowCustomHomeserver',
  'tchap.enabled',
  'tchap.infoServers',
  'signIn.requireOidc',
  'signIn.oidcIssuer',
  'signIn.oidcClientId',
  'signIn.passwordEnabled',
  'calls.sfuUrl',
  'calls.iceServers',
  'calls.elementCallUrl',
  'calls.mediaEncryption',
  'teamsBridge.enabled',
  'teamsBridge.sunset',
  'teamsBridge.tenantsAllowlist',
  'teamsBridge.modes',
  'autoUpdate.enabled',
  'autoUpdate.url',
  'allowedEgressHosts',
  'branding.organisationName',
  'branding.logo',
  'branding.accentColor',
  'branding.accentColorDark',
  'branding.theme',
  'downloadFolder',
  'notifications.enabled',
  'notifications.sound',
  'spellcheck.enabled',
  'spellcheck.languages',
  'chat.urlPreviews',
  'chat.developerMode',
  'logLevel',
  'syncMode',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The settings a user may change when policy does not lock them (the keys allowed in `defaults`). */
export const USER_SETTABLE_KEYS: readonly SettingKey[] = [
  'homeservers',
  'downloadFolder',
  'notifications.enabled',
  'notifications.sound',
  'spellcheck.enabled',
  'spellcheck.languages',
  'chat.urlPreviews',
  'chat.developerMode',
  'logLevel',
  'syncMode',
];

// Each leaf is the policy schema's own (so a value that reaches the renderer passed the same checks
// as in a policy file), required instead of optional, and nullable where "not set" is a value.
const policy = policySettingsSchema.shape;
const tchap = policy.tchap.unwrap().shape;
const signIn = policy.signIn.unwrap().shape;
const calls = policy.calls.unwrap().shape;
const teams = policy.teamsBridge.unwrap().shape;
const autoUpdate = policy.autoUpdate.unwrap().shape;
const notifications = policy.notifications.unwrap().shape;
const spellcheck = policy.spellcheck.unwrap().shape;
const branding = policy.branding.unwrap().shape;
const chat = policy.chat.unwrap().shape;

/** Every setting with a value, once policy, user choices and built-in defaults are combined. */
export const effectiveSettingsSchema = z.strictObject({
  // Empty by default: policy must list at least one, but "none listed" is what an unmanaged install has.
  homeservers: z.array(policy.homeservers.unwrap().element),
  allowCustomHomeserver: policy.allowCustomHomeserver.unwrap(),
  tchap: z.strictObject({ enabled: tchap.enabled.unwrap(), infoServers: tchap.infoServers.unwrap() }),
  signIn: z.strictObject({
    requireOidc: signIn.requireOidc.unwrap(),
    oidcIssuer: signIn.oidcIssuer.unwrap().nullable(),
    oidcClientId: signIn.oidcClientId.unwrap().nullable(),
    passwordEnabled: signIn.passwordEnabled.unwrap(),
  }),
  calls: z.strictObject({
    sfuUrl: calls.sfuUrl.unwrap().nullable(),
    iceServers: calls.iceServers.unwrap(),
    elementCallUrl: calls.elementCallUrl.unwrap().nullable(),
    mediaEncryption: calls.mediaEncryption.unwrap(),
  }),
  teamsBridge: z.strictObject({
    enabled: teams.enabled.unwrap(),
    sunset: teams.sunset.unwrap().nullable(),
    tenantsAllowlist: teams.tenantsAllowlist.unwrap(),
    modes: teams.modes.unwrap(),
  }),
  autoUpdate: z.strictObject({ enabled: autoUpdate.enabled.unwrap(), url: autoUpdate.url.unwrap().nullable() }),
  allowedEgressHosts: policy.allowedEgressHosts.unwrap(),
  branding: z.strictObject({
    organisationName: branding.organisationName.unwrap().nullable(),
    logo: branding.logo.unwrap().nullable(),
    accentColor: branding.accentColor.unwrap().nullable(),
    accentColorDark: branding.accentColorDark.unwrap().nullable(),
    theme: branding.theme.unwrap(),
  }),
  downloadFolder: policy.downloadFolder.unwrap().nullable(),
  notifications: z.strictObject({ enabled: notifications.enabled.unwrap(), sound: notifications.sound.unwrap() }),
  spellcheck: z.strictObject({ enabled: spellcheck.enabled.unwrap(), languages: spellcheck.languages.unwrap() }),
  chat: z.strictObject({ urlPreviews: chat.urlPreviews.unwrap(), developerMode: chat.developerMode.unwrap() }),
  logLevel: policy.logLevel.unwrap(),
  syncMode: policy.syncMode.unwrap(),
});
export type EffectiveSettings = z.output<typeof effectiveSettingsSchema>;

/**
 * Built-in values when neither policy nor user sets a key. A managed install (any machine policy
 * present) does not update itself unless the organisation says so: updates arrive through its own
 * software distribution.
 */
export function builtInDefaults(managed: boolean): EffectiveSettings {
  return {
    homeservers: [],
    allowCustomHomeserver: true,
    tchap: { enabled: false, infoServers: [] },
    signIn: { requireOidc: false, oidcIssuer: null, oidcClientId: null, passwordEnabled: true },
    calls: { sfuUrl: null, iceServers: [], elementCallUrl: null, mediaEncryption: 'required' },
    teamsBridge: { enabled: false, sunset: null, tenantsAllowlist: [], modes: {} },
    autoUpdate: { enabled: !managed, url: null },
    allowedEgressHosts: [],
    branding: { organisationName: null, logo: null, accentColor: null, accentColorDark: null, theme: 'compound' },
    downloadFolder: null,
    notifications: { enabled: true, sound: true },
    spellcheck: { enabled: true, languages: [] },
    chat: { urlPreviews: 'unencrypted', developerMode: false },
    logLevel: 'info',
    syncMode: 'auto',
  };
}
