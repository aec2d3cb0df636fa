// A room's settings as the Room settings dialog shows them, read from its state events; which of them
// my power level lets me change; and the state event each change sends. Pure, unit tested: the
// dialog (features/roomSettings/) reads the room's state through `StateContent` and sends what
// `settingEvent` returns.

export const MEGOLM = 'm.megolm.v1.aes-sha2';
/** Tchap's rule on who may ever join (agents only, or external guests too); see roomActions.ts. */
export const TCHAP_ACCESS_RULES = 'im.vector.room.access_rules';

/** The spec's values, from the most private to the most open. */
export const HISTORY_VISIBILITIES = ['invited', 'joined', 'shared', 'world_readable'] as const;
export type HistoryVisibility = (typeof HISTORY_VISIBILITIES)[number];
export const JOIN_RULES = ['invite', 'public'] as const;
export type JoinRule = (typeof JOIN_RULES)[number];
export const ACCESS_RULES = ['restricted', 'unrestricted'] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];

export interface RoomSettings {
  name: string;
  topic: string;
  avatarMxc: string | null;
  historyVisibility: HistoryVisibility;
  /** 'knock', 'restricted' and others Relais does not offer are shown as they are, read-only. */
  joinRule: string;
  /** Tchap only; null elsewhere, and for rooms without the rule. */
  accessRule: string | null;
  encrypted: boolean;
  canonicalAlias: string | null;
  altAliases: string[];
}

export type SettingKey =
  'name' | 'topic' | 'avatar' | 'historyVisibility' | 'joinRule' | 'accessRule' | 'encryption' | 'canonicalAlias';

export const SETTING_EVENT_TYPES: Record<SettingKey, string> = {
  name: 'm.room.name',
  topic: 'm.room.topic',
  avatar: 'm.room.avatar',
  historyVisibility: 'm.room.history_visibility',
  joinRule: 'm.room.join_rules',
  accessRule: TCHAP_ACCESS_RULES,
  encryption: 'm.room.encryption',
  canonicalAlias: 'm.room.canonical_alias',
};

/** The content of the room's current state event of a type (state key ''), or null. */
export type StateContent = (eventType: string) => Record<string, unknown> | null;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isHistoryVisibility(value: unknown): value is HistoryVisibility {
  return HISTORY_VISIBILITIES.some((v) => v === value);
}

export function readRoomSettings(state: StateContent): RoomSettings {
  const visibility = state(SETTING_EVENT_TYPES.historyVisibility)?.history_visibility;
  const aliases = state(SETTING_EVENT_TYPES.canonicalAlias);
  const alt = aliases?.alt_aliases;
  return {
    name: text(state(SETTING_EVENT_TYPES.name)?.name) ?? '',
    topic: text(state(SETTING_EVENT_TYPES.topic)?.topic) ?? '',
    avatarMxc: text(state(SETTING_EVENT_TYPES.avatar)?.url) || null,
    // The spec's default when the room has never said.
    historyVisibility: isHistoryVisibility(visibility) ? visibility : 'shared',
    joinRule: text(state(SETTING_EVENT_TYPES.joinRule)?.join_rule) ?? 'invite',
    accessRule: text(state(TCHAP_ACCESS_RULES)?.rule),
    encrypted: state(SETTING_EVENT_TYPES.encryption) !== null,
    canonicalAlias: text(aliases?.alias) || null,
    altAliases: Array.isArray(alt) ? alt.filter((a): a is string => typeof a === 'string') : [],
  };
}

interface PowerLevels {
  users?: Record<string, unknown>;
  users_default?: unknown;
  events?: Record<string, unknown>;
  state_default?: unknown;
}

function level(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Whether `userId` may send state events of this type, by the spec's rules: their level (users, then
 * users_default, 0) against the event's (events, then state_default; 50 with a power levels event, 0
 * in a room without one).
 */
export function maySendState(powerLevels: PowerLevels | null, userId: string, eventType: string): boolean {
  if (powerLevels === null) return true;
  const mine = level(powerLevels.users?.[userId], level(powerLevels.users_default, 0));
  const needed = level(powerLevels.events?.[eventType], level(powerLevels.state_default, 50));
  return mine >= needed;
}

export type Permissions = Record<SettingKey, boolean>;

export function permissions(state: StateContent, userId: string): Permissions {
  const powerLevels = state('m.room.power_levels') as PowerLevels | null;
  const may = (key: SettingKey) => maySendState(powerLevels, userId, SETTING_EVENT_TYPES[key]);
  return {
    name: may('name'),
    topic: may('topic'),
    avatar: may('avatar'),
    historyVisibility: may('historyVisibility'),
    joinRule: may('joinRule'),
    accessRule: may('accessRule'),
    encryption: may('encryption'),
    canonicalAlias: may('canonicalAlias'),
  };
}

export interface StateEventToSend {
  type: string;
  content: Record<string, unknown>;
}

export type SettingChange =
  | { key: 'name'; name: string }
  | { key: 'topic'; topic: string }
  | { key: 'avatar'; mxc: string | null }
  | { key: 'historyVisibility'; value: HistoryVisibility }
  | { key: 'joinRule'; value: JoinRule }
  | { key: 'accessRule'; value: AccessRule }
  | { key: 'encryption' }
  | { key: 'canonicalAlias'; alias: string | null; altAliases: readonly string[] };

/**
 * The state event a change sends. Other fields of the current content (a join rule's `allow`, a
 * future field) are kept: the event replaces the whole content.
 */
export function settingEvent(state: StateContent, change: SettingChange): StateEventToSend {
  const type = SETTING_EVENT_TYPES[change.key];
  const current = state(type) ?? {};
  switch (change.key) {
    case 'name':
      return { type, content: { ...current, name: change.name.trim() } };
    case 'topic':
      return { type, content: { ...current, topic: change.topic.trim() } };
    case 'avatar':
      // An empty content is how a room loses its picture.
      return { type, content: change.mxc ? { url: change.mxc } : {} };
    case 'historyVisibility':
      return { type, content: { ...current, history_visibility: change.value } };
    case 'joinRule':
      return { type, content: { ...current, join_rule: change.value } };
    case 'accessRule':
      return { type, content: { ...current, rule: change.value } };
    case 'encryption':
      return { type, content: { algorithm: MEGOLM } };
    case 'canonicalAlias': {
      const rest = Object.fromEntries(Object.entries(current).filter(([field]) => field !== 'alias' && field !== 'alt_aliases'));
      return {
        type,
        content: {
          ...rest,
          ...(change.alias ? { alias: change.alias } : {}),
          ...(change.altAliases.length > 0 ? { alt_aliases: [...change.altAliases] } : {}),
        },
      };
    }
  }
}

export type AliasProblem = 'empty' | 'invalid' | 'otherServer';

/** Localparts Synapse takes: no colon, no whitespace, no '#'. */
const ALIAS_LOCALPART = /^[^\s:#]+$/;

/**
 * The full address for what was typed: "team" or "#team:server", on my own homeserver (only it can
 * create addresses for me), or why not.
 */
export function aliasFor(typed: string, serverName: string): { alias: string } | { problem: AliasProblem } {
  const value = typed.trim();
  if (value === '' || value === '#') return { problem: 'empty' };
  const match = /^#?([^:]*)(?::(.+))?$/.exec(value);
  const localpart = match?.[1] ?? '';
  const server = match?.[2];
  if (!ALIAS_LOCALPART.test(localpart)) return { problem: 'invalid' };
  if (server !== undefined && server !== serverName) return { problem: 'otherServer' };
  return { alias: `#${localpart}:${serverName}` };
}

/** The room's addresses, the main one first. */
export function publishedAddresses(settings: Pick<RoomSettings, 'canonicalAlias' | 'altAliases'>): string[] {
  const all = [...(settings.canonicalAlias ? [settings.canonicalAlias] : []), ...settings.altAliases];
  return [...new Set(all)];
}

/**
 * Addresses after adding one: the first becomes the main address, the others alternatives. After
 * removing one, the next alternative (if any) is promoted.
 */
export function addressesChange(
  settings: Pick<RoomSettings, 'canonicalAlias' | 'altAliases'>,
  edit: { add: string } | { remove: string },
): Extract<SettingChange, { key: 'canonicalAlias' }> {
  const current = publishedAddresses(settings);
  const next = 'add' in edit ? [...current.filter((a) => a !== edit.add), edit.add] : current.filter((a) => a !== edit.remove);
  const [alias = null, ...altAliases] = next;
  return { key: 'canonicalAlias', alias, altAliases };
}

/**
 * Tchap: a room opened to external guests cannot be restricted again (Tchap's server refuses it,
 * since guests may already be in), and a public room must stay restricted to agents.
 */
export function accessRuleChoices(settings: Pick<RoomSettings, 'accessRule' | 'joinRule'>): Record<AccessRule, boolean> {
  return {
    restricted: settings.accessRule !== 'unrestricted',
    unrestricted: settings.joinRule !== 'public',
  };
}
