// The person's notification choices, read from and written to their server push rules, so that
// every client of theirs (Element on the phone, another Relais) notifies the same way. Pure: the
// model is worked out from the rules, and a change to the model becomes the smallest list of rule
// changes. The rules written are the ones Element writes (its RoomNotifs and notification settings
// models), so Element shows the same choices back.
import {
  ConditionKind,
  PushRuleActionName,
  PushRuleKind,
  RuleId,
  TweakName,
  type IPushRule,
  type IPushRules,
  type PushRuleAction,
} from 'matrix-js-sdk';

/** What notifies by default: every message, or only messages in DMs (and mentions), or mentions only. */
export type GlobalLevel = 'all' | 'dmsAndMentions' | 'mentionsOnly';
/** One room's override; 'default' is no override (the room follows the global level). */
export type RoomLevel = 'default' | 'all' | 'mentions' | 'mute';

export interface NotificationModel {
  global: GlobalLevel;
  /** Words that notify and highlight like a mention. */
  keywords: string[];
  /** Whether DMs, mentions and keywords ask the person's devices to play a sound. */
  sound: boolean;
  /** Rooms with an override; rooms absent follow the global level. */
  perRoom: Map<string, Exclude<RoomLevel, 'default'>>;
}

export type PushRuleChange =
  | { op: 'enable'; kind: PushRuleKind; ruleId: string; enabled: boolean }
  | { op: 'actions'; kind: PushRuleKind; ruleId: string; actions: PushRuleAction[] }
  | {
      op: 'add';
      kind: PushRuleKind;
      ruleId: string;
      body: Pick<IPushRule, 'actions' | 'conditions' | 'pattern'>;
    }
  | { op: 'delete'; kind: PushRuleKind; ruleId: string };

const GROUP_RULES = [RuleId.Message, RuleId.EncryptedMessage] as const;
const DM_RULES = [RuleId.DM, RuleId.EncryptedDM] as const;
/** Rules for "my name was said": their sound follows the sound choice. */
const MENTION_RULES = [RuleId.IsUserMention, RuleId.ContainsDisplayName, RuleId.ContainsUserName] as const;
const DEFAULT_SOUND = 'default';

interface Decoded {
  notify: boolean;
  highlight: boolean;
  sound: string | undefined;
}

/** What a rule's actions do. `dont_notify` and an empty list both mean "do not notify". */
export function decodeActions(actions: readonly PushRuleAction[]): Decoded {
  let notify = false;
  let highlight = false;
  let sound: string | undefined;
  for (const action of actions) {
    if (action === PushRuleActionName.Notify) notify = true;
    else if (typeof action === 'object' && action.set_tweak === TweakName.Highlight) highlight = action.value !== false;
    // The only other tweak the SDK knows is sound.
    else if (typeof action === 'object') sound = action.value;
  }
  return { notify, highlight: notify && highlight, sound: notify ? sound : undefined };
}

/** Element's encoding: an explicit `highlight: false` when not highlighting, `dont_notify` for silence. */
export function encodeActions({ notify, highlight, sound }: Decoded): PushRuleAction[] {
  if (!notify) return [PushRuleActionName.DontNotify];
  return [
    PushRuleActionName.Notify,
    ...(sound ? [{ set_tweak: TweakName.Sound, value: sound } as const] : []),
    highlight ? { set_tweak: TweakName.Highlight } : { set_tweak: TweakName.Highlight, value: false },
  ];
}

interface Located {
  kind: PushRuleKind;
  rule: IPushRule;
}

const KINDS = [
  PushRuleKind.Override,
  PushRuleKind.ContentSpecific,
  PushRuleKind.RoomSpecific,
  PushRuleKind.SenderSpecific,
  PushRuleKind.Underride,
] as const;

/** Every global rule by id, with its kind (rule ids are unique within a kind; ours are across them). */
function ruleMap(rules: IPushRules): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const kind of KINDS) {
    for (const rule of rules.global[kind] ?? []) {
      // A room's override (mute) and its room rule share the room id: keep both apart by kind.
      const key = kind === PushRuleKind.Override || kind === PushRuleKind.RoomSpecific ? `${kind}/${rule.rule_id}` : rule.rule_id;
      map.set(key, { kind, rule });
    }
  }
  return map;
}

function standard(map: Map<string, Located>, id: RuleId): Located | undefined {
  return map.get(id) ?? map.get(`${PushRuleKind.Override}/${id}`);
}

function notifies(located: Located | undefined): boolean {
  return located !== undefined && located.rule.enabled && decodeActions(located.rule.actions).notify;
}

function keywordRules(rules: IPushRules): IPushRule[] {
  return (rules.global.content ?? []).filter((rule) => !rule.rule_id.startsWith('.') && rule.pattern !== undefined);
}

/** A room mute as Element writes it: an override matching the room id alone, that does not notify. */
function mutedRoomOf(rule: IPushRule): string | null {
  const [condition, ...others] = rule.conditions ?? [];
  if (!rule.enabled || others.length > 0 || condition?.kind !== ConditionKind.EventMatch) return null;
  if (condition.key !== 'room_id' || typeof condition.pattern !== 'string') return null;
  return decodeActions(rule.actions).notify ? null : condition.pattern;
}

export function readNotificationModel(rules: IPushRules): NotificationModel {
  const map = ruleMap(rules);
  const groups = GROUP_RULES.some((id) => notifies(standard(map, id)));
  const dms = DM_RULES.some((id) => notifies(standard(map, id)));
  const soundSources = [...DM_RULES, ...MENTION_RULES].map((id) => standard(map, id)?.rule);
  const sound = [...soundSources, ...keywordRules(rules)].some(
    (rule) => rule !== undefined && rule.enabled && decodeActions(rule.actions).sound !== undefined,
  );
  const perRoom = new Map<string, Exclude<RoomLevel, 'default'>>();
  for (const rule of rules.global.room ?? []) {
    if (!rule.enabled) continue;
    perRoom.set(rule.rule_id, decodeActions(rule.actions).notify ? 'all' : 'mentions');
  }
  // An override beats the room rule, as it does when the server evaluates them.
  for (const rule of rules.global.override ?? []) {
    const roomId = mutedRoomOf(rule);
    if (roomId !== null) perRoom.set(roomId, 'mute');
  }
  return {
    global: groups ? 'all' : dms ? 'dmsAndMentions' : 'mentionsOnly',
    keywords: keywordRules(rules).map((rule) => rule.pattern ?? ''),
    sound,
    perRoom,
  };
}

/** The changes that make a standard rule enabled with these actions; none if it already is. */
function ensure(map: Map<string, Located>, id: RuleId, wanted: Decoded): PushRuleChange[] {
  const located = standard(map, id);
  // A rule the server does not have (an older server without is_user_mention) is left alone.
  if (!located) return [];
  const { kind, rule } = located;
  const current = decodeActions(rule.actions);
  const changes: PushRuleChange[] = [];
  if (!rule.enabled) changes.push({ op: 'enable', kind, ruleId: id, enabled: true });
  const same =
    current.notify === wanted.notify &&
    current.highlight === wanted.highlight &&
    current.sound === (wanted.notify ? wanted.sound : undefined);
  if (!same) changes.push({ op: 'actions', kind, ruleId: id, actions: encodeActions(wanted) });
  return changes;
}

function soundValue(on: boolean): string | undefined {
  return on ? DEFAULT_SOUND : undefined;
}

/** The rule changes for a new global level (and the sound of DMs, which the level writes too). */
export function globalLevelChanges(rules: IPushRules, level: GlobalLevel, sound: boolean): PushRuleChange[] {
  const map = ruleMap(rules);
  const groups: Decoded = { notify: level === 'all', highlight: false, sound: undefined };
  const dms: Decoded = { notify: level !== 'mentionsOnly', highlight: false, sound: soundValue(sound) };
  return [...GROUP_RULES.flatMap((id) => ensure(map, id, groups)), ...DM_RULES.flatMap((id) => ensure(map, id, dms))];
}

/** Sound on or off for DMs (when they notify), mentions of my name and keywords. */
export function soundChanges(rules: IPushRules, sound: boolean): PushRuleChange[] {
  const map = ruleMap(rules);
  const dmsNotify = DM_RULES.some((id) => notifies(standard(map, id)));
  const dms: Decoded = { notify: dmsNotify, highlight: false, sound: soundValue(sound) };
  const mention: Decoded = { notify: true, highlight: true, sound: soundValue(sound) };
  return [
    ...(dmsNotify ? DM_RULES.flatMap((id) => ensure(map, id, dms)) : []),
    ...MENTION_RULES.flatMap((id) => ensure(map, id, mention)),
    ...keywordRules(rules).flatMap((rule): PushRuleChange[] =>
      decodeActions(rule.actions).sound === soundValue(sound)
        ? []
        : [{ op: 'actions', kind: PushRuleKind.ContentSpecific, ruleId: rule.rule_id, actions: encodeActions(mention) }],
    ),
  ];
}

export type KeywordProblem = 'empty' | 'slash' | 'duplicate';

/** Why a keyword cannot be added (the server refuses rule ids with slashes), or null. */
export function keywordProblem(rules: IPushRules, keyword: string): KeywordProblem | null {
  const word = keyword.trim();
  if (word === '') return 'empty';
  if (/[/\\]/.test(word)) return 'slash';
  const known = keywordRules(rules).map((rule) => rule.pattern?.toLowerCase());
  return known.includes(word.toLowerCase()) ? 'duplicate' : null;
}

/** A keyword is a content rule named after it, notifying and highlighting like a mention. */
export function addKeywordChanges(rules: IPushRules, keyword: string, sound: boolean): PushRuleChange[] {
  const word = keyword.trim();
  const actions = encodeActions({ notify: true, highlight: true, sound: soundValue(sound) });
  return [{ op: 'add', kind: PushRuleKind.ContentSpecific, ruleId: word, body: { pattern: word, actions } }];
}

export function removeKeywordChanges(rules: IPushRules, keyword: string): PushRuleChange[] {
  return keywordRules(rules)
    .filter((rule) => rule.pattern === keyword)
    .map((rule) => ({ op: 'delete', kind: PushRuleKind.ContentSpecific, ruleId: rule.rule_id }));
}

export function roomLevelOf(model: NotificationModel, roomId: string): RoomLevel {
  return model.perRoom.get(roomId) ?? 'default';
}

/**
 * One room's level, as Element writes it: mute is an override rule on the room id (so even mentions
 * stay quiet), "mentions" a room rule that does not notify, "all" a room rule that notifies with a
 * sound, and "default" no rule at all. Rules of the room that the new level does not use are removed.
 */
export function roomLevelChanges(rules: IPushRules, roomId: string, level: RoomLevel): PushRuleChange[] {
  const muteRules = (rules.global.override ?? []).filter((rule) => rule.rule_id === roomId || mutedRoomOf(rule) === roomId);
  const roomRule = (rules.global.room ?? []).find((rule) => rule.rule_id === roomId);
  const changes: PushRuleChange[] = [];
  if (level !== 'mute') {
    for (const rule of muteRules) changes.push({ op: 'delete', kind: PushRuleKind.Override, ruleId: rule.rule_id });
  }
  if (roomRule && (level === 'mute' || level === 'default')) {
    changes.push({ op: 'delete', kind: PushRuleKind.RoomSpecific, ruleId: roomId });
  }
  if (level === 'mute') {
    changes.push({
      op: 'add',
      kind: PushRuleKind.Override,
      ruleId: roomId,
      body: {
        conditions: [{ kind: ConditionKind.EventMatch, key: 'room_id', pattern: roomId }],
        actions: [PushRuleActionName.DontNotify],
      },
    });
  } else if (level === 'mentions') {
    changes.push({
      op: 'add',
      kind: PushRuleKind.RoomSpecific,
      ruleId: roomId,
      body: { actions: [PushRuleActionName.DontNotify] },
    });
  } else if (level === 'all') {
    changes.push({
      op: 'add',
      kind: PushRuleKind.RoomSpecific,
      ruleId: roomId,
      body: { actions: [PushRuleActionName.Notify, { set_tweak: TweakName.Sound, value: DEFAULT_SOUND }] },
    });
  }
  return changes;
}
