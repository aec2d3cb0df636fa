import { ConditionKind, PushRuleActionName, PushRuleKind, TweakName, type IPushRule, type IPushRules } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  addKeywordChanges,
  decodeActions,
  globalLevelChanges,
  keywordProblem,
  readNotificationModel,
  removeKeywordChanges,
  roomLevelChanges,
  roomLevelOf,
  soundChanges,
} from '../../../../src/renderer/matrix/pushRules.ts';

const N = PushRuleActionName.Notify;
const DN = PushRuleActionName.DontNotify;
const SOUND = { set_tweak: TweakName.Sound, value: 'default' } as const;
const HIGHLIGHT = { set_tweak: TweakName.Highlight } as const;
const NO_HIGHLIGHT = { set_tweak: TweakName.Highlight, value: false } as const;

function rule(rule_id: string, actions: IPushRule['actions'], extra: Partial<IPushRule> = {}): IPushRule {
  return { rule_id, actions, default: rule_id.startsWith('.'), enabled: true, ...extra };
}

/** The parts of Synapse's default rules that the model reads. */
function serverDefaults(): IPushRules {
  return {
    global: {
      override: [
        rule('.m.rule.master', [], { enabled: false }),
        rule('.m.rule.is_user_mention', [N, SOUND, HIGHLIGHT]),
        rule('.m.rule.contains_display_name', [N, SOUND, HIGHLIGHT]),
        rule('.m.rule.is_room_mention', [N, HIGHLIGHT]),
      ],
      content: [rule('.m.rule.contains_user_name', [N, SOUND, HIGHLIGHT], { pattern: 'alice' })],
      room: [],
      sender: [],
      underride: [
        rule('.m.rule.call', [N, { set_tweak: TweakName.Sound, value: 'ring' }, NO_HIGHLIGHT]),
        rule('.m.rule.room_one_to_one', [N, SOUND, NO_HIGHLIGHT]),
        rule('.m.rule.encrypted_room_one_to_one', [N, SOUND, NO_HIGHLIGHT]),
        rule('.m.rule.message', [N, NO_HIGHLIGHT]),
        rule('.m.rule.encrypted', [N, NO_HIGHLIGHT]),
      ],
    },
  };
}

/** The rules after the changes, as the server would hold them (enough for round trips here). */
function applied(rules: IPushRules, changes: ReturnType<typeof globalLevelChanges>): IPushRules {
  const next: IPushRules = structuredClone(rules);
  for (const change of changes) {
    const list = (next.global[change.kind] ??= []);
    const index = list.findIndex((r) => r.rule_id === change.ruleId);
    const existing = list[index];
    if (change.op === 'delete') list.splice(index, 1);
    else if (change.op === 'enable' && existing) existing.enabled = change.enabled;
    else if (change.op === 'actions' && existing) existing.actions = change.actions;
    else if (change.op === 'add') {
      if (index >= 0) list.splice(index, 1);
      list.unshift(rule(change.ruleId, change.body.actions, { ...change.body, default: false }));
    }
  }
  return next;
}

describe('decodeActions', () => {
  it('reads notify, highlight and sound; an empty list and dont_notify both stay quiet', () => {
    expect(decodeActions([N, SOUND, HIGHLIGHT])).toEqual({ notify: true, highlight: true, sound: 'default' });
    expect(decodeActions([N, NO_HIGHLIGHT])).toEqual({ notify: true, highlight: false, sound: undefined });
    expect(decodeActions([])).toEqual({ notify: false, highlight: false, sound: undefined });
    expect(decodeActions([DN])).toEqual({ notify: false, highlight: false, sound: undefined });
  });
});

describe('readNotificationModel', () => {
  it('reads the server defaults as every message, with sound, no keywords and no room override', () => {
    const model = readNotificationModel(serverDefaults());
    expect(model).toEqual({ global: 'all', keywords: [], sound: true, perRoom: new Map() });
  });

  it('reads DMs-and-mentions and mentions-only from the group and DM rules, disabled rules as quiet', () => {
    const rules = serverDefaults();
    const [, , , message, encrypted] = rules.global.underride ?? [];
    if (!message || !encrypted) throw new Error('fixture');
    message.actions = [DN];
    encrypted.enabled = false;
    expect(readNotificationModel(rules).global).toBe('dmsAndMentions');
    for (const r of rules.global.underride ?? []) if (r.rule_id.includes('one_to_one')) r.actions = [];
    expect(readNotificationModel(rules).global).toBe('mentionsOnly');
  });

  it('reads keywords, and each room as Element leaves it: override mute, quiet room rule, loud room rule', () => {
    const rules = serverDefaults();
    rules.global.content?.push(rule('budget', [N, HIGHLIGHT], { pattern: 'budget' }));
    rules.global.room = [rule('!quiet:hs', [DN]), rule('!loud:hs', [N, SOUND]), rule('!off:hs', [], { enabled: false })];
    rules.global.override?.unshift(
      rule('!muted:hs', [DN], { conditions: [{ kind: ConditionKind.EventMatch, key: 'room_id', pattern: '!muted:hs' }] }),
    );
    const model = readNotificationModel(rules);
    expect(model.keywords).toEqual(['budget']);
    expect(roomLevelOf(model, '!quiet:hs')).toBe('mentions');
    expect(roomLevelOf(model, '!loud:hs')).toBe('all');
    expect(roomLevelOf(model, '!muted:hs')).toBe('mute');
    expect(roomLevelOf(model, '!off:hs')).toBe('default');
  });

  it('reads sound as off when no DM, mention or keyword rule asks for one', () => {
    const rules = applied(serverDefaults(), soundChanges(serverDefaults(), false));
    expect(readNotificationModel(rules).sound).toBe(false);
  });
});

describe('globalLevelChanges', () => {
  it('changes nothing when the rules already say so', () => {
    expect(globalLevelChanges(serverDefaults(), 'all', true)).toEqual([]);
  });

  it('silences group messages for DMs and mentions, with Element’s encoding', () => {
    expect(globalLevelChanges(serverDefaults(), 'dmsAndMentions', true)).toEqual([
      { op: 'actions', kind: PushRuleKind.Underride, ruleId: '.m.rule.message', actions: [DN] },
      { op: 'actions', kind: PushRuleKind.Underride, ruleId: '.m.rule.encrypted', actions: [DN] },
    ]);
  });

  it('silences DMs too for mentions only, and re-enables a disabled rule on the way back', () => {
    const quiet = applied(serverDefaults(), globalLevelChanges(serverDefaults(), 'mentionsOnly', true));
    expect(readNotificationModel(quiet).global).toBe('mentionsOnly');
    const dm = quiet.global.underride?.find((r) => r.rule_id === '.m.rule.room_one_to_one');
    if (!dm) throw new Error('fixture');
    dm.enabled = false;
    const changes = globalLevelChanges(quiet, 'all', true);
    expect(changes).toContainEqual({
      op: 'enable',
      kind: PushRuleKind.Underride,
      ruleId: '.m.rule.room_one_to_one',
      enabled: true,
    });
    expect(changes).toContainEqual({
      op: 'actions',
      kind: PushRuleKind.Underride,
      ruleId: '.m.rule.room_one_to_one',
      actions: [N, SOUND, NO_HIGHLIGHT],
    });
    expect(readNotificationModel(applied(quiet, changes)).global).toBe('all');
  });
});

describe('soundChanges', () => {
  it('takes the sound off DMs, mentions (each of its own kind) and keywords, keeping highlight', () => {
    const rules = serverDefaults();
    rules.global.content?.push(rule('budget', [N, SOUND, HIGHLIGHT], { pattern: 'budget' }));
    const changes = soundChanges(rules, false);
    expect(changes).toEqual([
      { op: 'actions', kind: PushRuleKind.Underride, ruleId: '.m.rule.room_one_to_one', actions: [N, NO_HIGHLIGHT] },
      {
        op: 'actions',
        kind: PushRuleKind.Underride,
        ruleId: '.m.rule.encrypted_room_one_to_one',
        actions: [N, NO_HIGHLIGHT],
      },
      { op: 'actions', kind: PushRuleKind.Override, ruleId: '.m.rule.is_user_mention', actions: [N, HIGHLIGHT] },
      { op: 'actions', kind: PushRuleKind.Override, ruleId: '.m.rule.contains_display_name', actions: [N, HIGHLIGHT] },
      { op: 'actions', kind: PushRuleKind.ContentSpecific, ruleId: '.m.rule.contains_user_name', actions: [N, HIGHLIGHT] },
      { op: 'actions', kind: PushRuleKind.ContentSpecific, ruleId: 'budget', actions: [N, HIGHLIGHT] },
    ]);
    expect(soundChanges(rules, true)).toEqual([]);
  });
});

describe('keywords', () => {
  it('adds a keyword as a content rule named after it, notifying and highlighting', () => {
    expect(addKeywordChanges(serverDefaults(), '  budget ', true)).toEqual([
      {
        op: 'add',
        kind: PushRuleKind.ContentSpecific,
        ruleId: 'budget',
        body: { pattern: 'budget', actions: [N, SOUND, HIGHLIGHT] },
      },
    ]);
  });

  it('refuses empty words, slashes (the server refuses them in rule ids) and words already there', () => {
    const rules = applied(serverDefaults(), addKeywordChanges(serverDefaults(), 'Budget', true));
    expect(keywordProblem(rules, '   ')).toBe('empty');
    expect(keywordProblem(rules, 'a/b')).toBe('slash');
    expect(keywordProblem(rules, 'budget')).toBe('duplicate');
    expect(keywordProblem(rules, 'alice')).toBeNull();
    expect(removeKeywordChanges(rules, 'Budget')).toEqual([
      { op: 'delete', kind: PushRuleKind.ContentSpecific, ruleId: 'Budget' },
    ]);
  });
});

describe('roomLevelChanges', () => {
  const room = '!r:hs';

  it('mutes with an override on the room id and removes the room rule', () => {
    const rules = applied(serverDefaults(), roomLevelChanges(serverDefaults(), room, 'mentions'));
    const changes = roomLevelChanges(rules, room, 'mute');
    expect(changes).toEqual([
      { op: 'delete', kind: PushRuleKind.RoomSpecific, ruleId: room },
      {
        op: 'add',
        kind: PushRuleKind.Override,
        ruleId: room,
        body: { conditions: [{ kind: ConditionKind.EventMatch, key: 'room_id', pattern: room }], actions: [DN] },
      },
    ]);
    expect(roomLevelOf(readNotificationModel(applied(rules, changes)), room)).toBe('mute');
  });

  it('goes from mute to mentions, all and back to default, each read back as written', () => {
    let rules = applied(serverDefaults(), roomLevelChanges(serverDefaults(), room, 'mute'));
    for (const level of ['mentions', 'all', 'default', 'mute', 'default'] as const) {
      rules = applied(rules, roomLevelChanges(rules, room, level));
      expect(roomLevelOf(readNotificationModel(rules), room)).toBe(level);
    }
    expect(rules.global.room).toEqual([]);
    expect(rules.global.override?.some((r) => r.rule_id === room)).toBe(false);
  });

  it('writes a loud room rule for all messages, as Element does', () => {
    expect(roomLevelChanges(serverDefaults(), room, 'all')).toEqual([
      { op: 'add', kind: PushRuleKind.RoomSpecific, ruleId: room, body: { actions: [N, SOUND] } },
    ]);
  });
});
