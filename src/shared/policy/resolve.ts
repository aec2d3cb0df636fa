// Combines machine policy, the user's own settings (from the profile) and built-in defaults into
// the value Relais uses for each setting, with where it came from and whether the user may change
// it. The order per setting is: mandatory policy > user > policy `defaults` > built-in default.
// Users never override a mandatory key, and never set an administrator-only key at all (those
// decide where Relais connects; see USER_SETTABLE_KEYS).
import { isPlainObject, originsUnder, type PlainObject } from './merge.ts';
import { policySettingsSchema, type PolicyDocument } from './schema.ts';
import { builtInDefaults, SETTING_KEYS, USER_SETTABLE_KEYS, type EffectiveSettings, type SettingKey } from './settings.ts';
import { schemaAt } from './schemaWalk.ts';
import { describeOrigin, type LoadedPolicy, type ValueOrigin } from './types.ts';

export type SettingSource = 'policy' | 'user' | 'default';

/**
 * policy: set by machine policy; homeserversFixed: allowCustomHomeserver is false (or homeservers
 * is mandatory); adminOnly: only machine policy may set it; safeMode: the policy is invalid.
 */
export const LOCK_KINDS = ['policy', 'homeserversFixed', 'adminOnly', 'safeMode'] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

export interface ResolvedSetting {
  value: unknown;
  source: SettingSource;
  locked: boolean;
  lockKind?: LockKind;
  /** For logs and admin tools: why it is locked, naming the file or registry value. */
  lockReason?: string;
  /** Where the policy value was written; several when a per-tenant mapping merges files. */
  origins: readonly ValueOrigin[];
}

export interface IgnoredUserSetting {
  key: string;
  reason: string;
}

export interface ResolvedSettings {
  managed: boolean;
  safeMode: boolean;
  values: EffectiveSettings;
  settings: Readonly<Record<SettingKey, ResolvedSetting>>;
  /** User settings that had no effect, for the log: locked, administrator-only or invalid. */
  ignoredUserSettings: readonly IgnoredUserSetting[];
}

export function valueAtPath(root: unknown, dotted: string): unknown {
  let current = root;
  for (const segment of dotted.split('.')) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function setPath(root: PlainObject, dotted: string, value: unknown): void {
  const segments = dotted.split('.');
  const last = segments.pop() ?? dotted;
  let current = root;
  for (const segment of segments) {
    const next = current[segment];
    if (!isPlainObject(next)) throw new Error(`no object at ${segment} while setting ${dotted}`);
    current = next;
  }
  current[last] = value;
}

function listOrigins(origins: readonly ValueOrigin[]): string {
  return origins.map(describeOrigin).join(', ');
}

function isValidUserValue(key: SettingKey, value: unknown): boolean {
  const schema = schemaAt(policySettingsSchema, key.split('.'));
  return schema?.safeParse(value).success === true;
}

function resolveOne(
  key: SettingKey,
  loaded: LoadedPolicy,
  user: unknown,
  defaults: EffectiveSettings,
  ignored: IgnoredUserSetting[],
): ResolvedSetting {
  const builtIn: ResolvedSetting = { value: valueAtPath(defaults, key), source: 'default', locked: false, origins: [] };
  const userValue = valueAtPath(user, key);
  const ignore = (reason: string): void => {
    if (userValue !== undefined) ignored.push({ key, reason });
  };

  if (loaded.status === 'invalid') {
    ignore('machine policy is invalid (safe mode)');
    return {
      ...builtIn,
      locked: true,
      lockKind: 'safeMode',
      lockReason: 'machine policy is invalid, so Relais runs in safe mode',
    };
  }
  const document: Partial<PolicyDocument> = loaded.status === 'valid' ? loaded.document : {};
  const origins = loaded.status === 'valid' ? loaded.origins : {};

  const mandatory = valueAtPath(document, key);
  if (mandatory !== undefined) {
    const where = originsUnder(origins, key);
    ignore('locked by machine policy');
    return {
      value: mandatory,
      source: 'policy',
      locked: true,
      lockKind: 'policy',
      lockReason: `set by machine policy in ${listOrigins(where)}`,
      origins: where,
    };
  }

  const homeserversMandatory = document.homeservers !== undefined;
  if (key === 'allowCustomHomeserver' && homeserversMandatory) {
    const where = originsUnder(origins, 'homeservers');
    const reason = `homeservers is set by machine policy in ${listOrigins(where)}`;
    return { value: false, source: 'policy', locked: true, lockKind: 'homeserversFixed', lockReason: reason, origins: where };
  }

  const recommendedValue = valueAtPath(document.defaults, key);
  const recommended: ResolvedSetting | undefined =
    recommendedValue === undefined
      ? undefined
      : { value: recommendedValue, source: 'policy', locked: false, origins: originsUnder(origins, `defaults.${key}`) };

  if (!USER_SETTABLE_KEYS.includes(key)) {
    ignore('only the organisation can set this (machine policy)');
    return { ...builtIn, locked: true, lockKind: 'adminOnly', lockReason: 'only machine policy can set this' };
  }

  if (key === 'homeservers' && document.allowCustomHomeserver === false) {
    const where = originsUnder(origins, 'allowCustomHomeserver');
    ignore('allowCustomHomeserver is false in machine policy');
    const base = recommended ?? builtIn;
    return {
      ...base,
      locked: true,
      lockKind: 'homeserversFixed',
      lockReason: `allowCustomHomeserver is false in ${listOrigins(where)}`,
    };
  }

  if (userValue !== undefined) {
    if (isValidUserValue(key, userValue)) return { value: userValue, source: 'user', locked: false, origins: [] };
    ignore('not a valid value');
  }
  return recommended ?? builtIn;
}

/**
 * `userSettings` is the profile's settings object (untrusted: anything invalid is ignored and
 * listed). Keys it has that are not policy settings are none of this module's business.
 */
export function resolveSettings(loaded: LoadedPolicy, userSettings: unknown = {}): ResolvedSettings {
  const managed = loaded.status !== 'none';
  const defaults = builtInDefaults(managed);
  const ignored: IgnoredUserSetting[] = [];
  const settings = {} as Record<SettingKey, ResolvedSetting>;
  const values = structuredClone(defaults) as unknown as PlainObject;
  for (const key of SETTING_KEYS) {
    const resolved = resolveOne(key, loaded, userSettings, defaults, ignored);
    settings[key] = resolved;
    setPath(values, key, structuredClone(resolved.value));
  }
  return {
    managed,
    safeMode: loaded.status === 'invalid',
    // Every path was filled from a value that passed the schema of that key (or a built-in default).
    values: values as unknown as EffectiveSettings,
    settings,
    ignoredUserSettings: ignored,
  };
}

/**
 * Whether the Teams bridge is on: enabled and before its sunset. The sunset is a calendar date in
 * UTC; from that day on the bridge is off.
 */
export function teamsBridgeActive(values: EffectiveSettings, now: Date): boolean {
  if (!values.teamsBridge.enabled) return false;
  const sunset = values.teamsBridge.sunset;
  return sunset === null || now.toISOString().slice(0, 10) < sunset;
}
