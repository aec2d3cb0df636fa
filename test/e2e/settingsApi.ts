// Reading back, through the homeserver, what the settings screens wrote: a room's state events, the
// account's push rules and a room's tags.
import { api, type ApiSession } from './matrixApi.ts';

export async function roomState(s: ApiSession, roomId: string, type: string): Promise<Record<string, unknown> | null> {
  try {
    return await api<Record<string, unknown>>(
      s,
      'GET',
      `/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/`,
    );
  } catch (error) {
    if (error instanceof Error && / 404 /.test(error.message)) return null;
    throw error;
  }
}

export interface RawPushRule {
  rule_id: string;
  enabled: boolean;
  actions: unknown[];
  pattern?: string;
  conditions?: unknown[];
}

export type RawPushRules = Record<'override' | 'content' | 'room' | 'sender' | 'underride', RawPushRule[]>;

export async function pushRules(s: ApiSession): Promise<RawPushRules> {
  const { global } = await api<{ global: RawPushRules }>(s, 'GET', '/pushrules/');
  return global;
}

export async function pushRule(s: ApiSession, kind: keyof RawPushRules, ruleId: string): Promise<RawPushRule | null> {
  return (await pushRules(s))[kind].find((rule) => rule.rule_id === ruleId) ?? null;
}

export async function roomTags(s: ApiSession, roomId: string): Promise<string[]> {
  const { tags } = await api<{ tags: Record<string, unknown> }>(
    s,
    'GET',
    `/user/${encodeURIComponent(s.userId)}/rooms/${encodeURIComponent(roomId)}/tags`,
  );
  return Object.keys(tags).sort();
}
