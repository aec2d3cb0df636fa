// Machine policy as the renderer is told it, described once: the effective value of every setting,
// which ones are locked (and why, and where policy wrote them), the mode, and the egress rules.
// Main builds it (main/policy/managedSettings.ts) and its IPC router checks the reply against this
// schema; the renderer's platform layer checks what arrives with the same schema before anything
// reads it; the web build produces the same shape. Consumers read typed fields, never re-validate.
import { z } from 'zod';
import { managedBrandingSchema, NO_BRANDING } from '../branding/branding.ts';
import { LOCK_KINDS, valueAtPath } from './resolve.ts';
import { builtInDefaults, effectiveSettingsSchema, SETTING_KEYS, type SettingKey } from './settings.ts';

export const settingLockSchema = z.strictObject({
  kind: z.enum(LOCK_KINDS),
  /** For the settings screen and logs; names the file or registry value when policy set it. */
  reason: z.string().min(1).max(4_096),
  /** Where policy wrote the locked value (file:line:column, registry value, plist); empty for a built-in one. */
  sources: z.array(z.string().min(1).max(4_096)).max(64),
});
export type SettingLock = z.output<typeof settingLockSchema>;

/** The egress filter as data (egress.ts EgressRules): WebRTC bypasses main's request filter, so the renderer checks ICE servers with it. */
export const egressRulesSchema = z.strictObject({
  mode: z.enum(['unmanaged', 'managed', 'safe']),
  allowedHosts: z
    .array(
      z.strictObject({
        host: z.string().min(1).max(255),
        port: z.number().int().min(1).max(65_535),
        schemes: z.array(z.string().regex(/^[a-z]+:$/)).max(8),
        purposes: z.array(z.string().max(64)).max(16),
      }),
    )
    .max(1_000),
});

export const managedSettingsSchema = z.strictObject({
  /** none: no machine policy; managed: policy applies; safe: the policy is broken, connect nowhere. */
  mode: z.enum(['none', 'managed', 'safe']),
  /** In safe mode: what to tell the user, in plain words. */
  userMessage: z.string().max(16_384).nullable(),
  /** The value Relais uses for every setting (policy, then the user, then built-in defaults). */
  settings: effectiveSettingsSchema,
  /** Only the locked settings have an entry. */
  locks: z.partialRecord(z.enum(SETTING_KEYS), settingLockSchema),
  egress: egressRulesSchema,
  /** The organisation's name, logo, accent and theme, checked by main (shared/branding/branding.ts). */
  branding: managedBrandingSchema,
});
export type ManagedSettings = z.output<typeof managedSettingsSchema>;

/** Parses untrusted input into managed settings; the error names every bad field, never its value. */
export function parseManagedSettings(input: unknown): { ok: true; value: ManagedSettings } | { ok: false; error: string } {
  const parsed = managedSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, error: `malformed machine policy settings: ${issues.slice(0, 5).join('; ')}` };
}

/** No machine policy (the web build): built-in defaults, nothing locked, no egress allowlist. */
export function unmanagedSettings(): ManagedSettings {
  return {
    mode: 'none',
    userMessage: null,
    settings: builtInDefaults(false),
    locks: {},
    egress: { mode: 'unmanaged', allowedHosts: [] },
    branding: NO_BRANDING,
  };
}

export interface LockedSetting {
  key: SettingKey;
  value: unknown;
  lock: SettingLock;
}

/** Every locked setting with its value, in the order settings are listed everywhere (SETTING_KEYS). */
export function lockedSettings(managed: Pick<ManagedSettings, 'settings' | 'locks'>): LockedSetting[] {
  return SETTING_KEYS.flatMap((key) => {
    const lock = managed.locks[key];
    return lock ? [{ key, value: valueAtPath(managed.settings, key), lock }] : [];
  });
}
