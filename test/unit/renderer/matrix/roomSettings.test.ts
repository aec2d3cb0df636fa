import { describe, expect, it } from 'vitest';
import {
  accessRuleChoices,
  addressesChange,
  aliasFor,
  maySendState,
  permissions,
  publishedAddresses,
  readRoomSettings,
  settingEvent,
  type StateContent,
} from '../../../../src/renderer/matrix/roomSettings.ts';

function stateOf(events: Record<string, Record<string, unknown>>): StateContent {
  return (type) => events[type] ?? null;
}

const POWER = {
  users: { '@admin:hs': 100, '@mod:hs': 50 },
  users_default: 0,
  state_default: 50,
  events: { 'm.room.name': 50, 'm.room.history_visibility': 100, 'm.room.encryption': 100, 'm.room.topic': 0 },
};

describe('readRoomSettings', () => {
  it('reads each setting from its state event', () => {
    const settings = readRoomSettings(
      stateOf({
        'm.room.name': { name: 'Budget' },
        'm.room.topic': { topic: 'Numbers' },
        'm.room.avatar': { url: 'mxc://hs/abc' },
        'm.room.history_visibility': { history_visibility: 'joined' },
        'm.room.join_rules': { join_rule: 'public' },
        'im.vector.room.access_rules': { rule: 'restricted' },
        'm.room.encryption': { algorithm: 'm.megolm.v1.aes-sha2' },
        'm.room.canonical_alias': { alias: '#budget:hs', alt_aliases: ['#b:hs', 42] },
      }),
    );
    expect(settings).toEqual({
      name: 'Budget',
      topic: 'Numbers',
      avatarMxc: 'mxc://hs/abc',
      historyVisibility: 'joined',
      joinRule: 'public',
      accessRule: 'restricted',
      encrypted: true,
      canonicalAlias: '#budget:hs',
      altAliases: ['#b:hs'],
    });
  });

  it('gives the spec’s defaults for a room that never said', () => {
    expect(readRoomSettings(stateOf({ 'm.room.avatar': {} }))).toEqual({
      name: '',
      topic: '',
      avatarMxc: null,
      historyVisibility: 'shared',
      joinRule: 'invite',
      accessRule: null,
      encrypted: false,
      canonicalAlias: null,
      altAliases: [],
    });
  });
});

describe('maySendState and permissions', () => {
  it('compares my level with the event’s, falling back to users_default and state_default', () => {
    expect(maySendState(POWER, '@mod:hs', 'm.room.name')).toBe(true);
    expect(maySendState(POWER, '@mod:hs', 'm.room.history_visibility')).toBe(false);
    expect(maySendState(POWER, '@someone:hs', 'm.room.topic')).toBe(true);
    expect(maySendState(POWER, '@someone:hs', 'm.room.join_rules')).toBe(false);
    expect(maySendState(POWER, '@mod:hs', 'm.room.join_rules')).toBe(true);
    expect(maySendState({}, '@someone:hs', 'm.room.name')).toBe(false);
    // Without a power levels event, anyone may.
    expect(maySendState(null, '@someone:hs', 'm.room.name')).toBe(true);
  });

  it('says per setting what a moderator may change', () => {
    expect(permissions(stateOf({ 'm.room.power_levels': POWER }), '@mod:hs')).toEqual({
      name: true,
      topic: true,
      avatar: true,
      historyVisibility: false,
      joinRule: true,
      accessRule: true,
      encryption: false,
      canonicalAlias: true,
    });
  });
});

describe('settingEvent', () => {
  const state = stateOf({
    'm.room.join_rules': { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!s:hs' }] },
    'm.room.canonical_alias': { alias: '#a:hs', alt_aliases: ['#b:hs'] },
  });

  it('sends the event of each change, trimmed, keeping the other fields of the content', () => {
    expect(settingEvent(state, { key: 'name', name: ' Budget ' })).toEqual({ type: 'm.room.name', content: { name: 'Budget' } });
    expect(settingEvent(state, { key: 'topic', topic: 'x' })).toEqual({ type: 'm.room.topic', content: { topic: 'x' } });
    expect(settingEvent(state, { key: 'joinRule', value: 'invite' })).toEqual({
      type: 'm.room.join_rules',
      content: { join_rule: 'invite', allow: [{ type: 'm.room_membership', room_id: '!s:hs' }] },
    });
    expect(settingEvent(state, { key: 'historyVisibility', value: 'invited' })).toEqual({
      type: 'm.room.history_visibility',
      content: { history_visibility: 'invited' },
    });
    expect(settingEvent(state, { key: 'accessRule', value: 'unrestricted' })).toEqual({
      type: 'im.vector.room.access_rules',
      content: { rule: 'unrestricted' },
    });
    expect(settingEvent(state, { key: 'encryption' })).toEqual({
      type: 'm.room.encryption',
      content: { algorithm: 'm.megolm.v1.aes-sha2' },
    });
  });

  it('removes the picture with an empty content', () => {
    expect(settingEvent(state, { key: 'avatar', mxc: null })).toEqual({ type: 'm.room.avatar', content: {} });
    expect(settingEvent(state, { key: 'avatar', mxc: 'mxc://hs/x' })).toEqual({
      type: 'm.room.avatar',
      content: { url: 'mxc://hs/x' },
    });
  });

  it('writes addresses without empty fields', () => {
    expect(settingEvent(state, { key: 'canonicalAlias', alias: null, altAliases: [] })).toEqual({
      type: 'm.room.canonical_alias',
      content: {},
    });
  });
});

describe('addresses', () => {
  it('takes a localpart or a full address on my server, and says why not otherwise', () => {
    expect(aliasFor('team', 'hs')).toEqual({ alias: '#team:hs' });
    expect(aliasFor(' #team:hs ', 'hs')).toEqual({ alias: '#team:hs' });
    expect(aliasFor('#team:other', 'hs')).toEqual({ problem: 'otherServer' });
    expect(aliasFor('my team', 'hs')).toEqual({ problem: 'invalid' });
    expect(aliasFor('#', 'hs')).toEqual({ problem: 'empty' });
  });

  it('makes the first address the main one and promotes the next when it is removed', () => {
    const none = { canonicalAlias: null, altAliases: [] };
    expect(addressesChange(none, { add: '#a:hs' })).toEqual({ key: 'canonicalAlias', alias: '#a:hs', altAliases: [] });
    const two = { canonicalAlias: '#a:hs', altAliases: ['#b:hs'] };
    expect(publishedAddresses(two)).toEqual(['#a:hs', '#b:hs']);
    expect(addressesChange(two, { add: '#c:hs' })).toEqual({
      key: 'canonicalAlias',
      alias: '#a:hs',
      altAliases: ['#b:hs', '#c:hs'],
    });
    expect(addressesChange(two, { remove: '#a:hs' })).toEqual({ key: 'canonicalAlias', alias: '#b:hs', altAliases: [] });
  });
});

describe('accessRuleChoices (Tchap)', () => {
  it('never goes back to restricted once open to guests, and keeps public rooms to agents', () => {
    expect(accessRuleChoices({ accessRule: 'restricted', joinRule: 'invite' })).toEqual({ restricted: true, unrestricted: true });
    expect(accessRuleChoices({ accessRule: 'unrestricted', joinRule: 'invite' })).toEqual({
      restricted: false,
      unrestricted: true,
    });
    expect(accessRuleChoices({ accessRule: 'restricted', joinRule: 'public' })).toEqual({
      restricted: true,
      unrestricted: false,
    });
  });
});
