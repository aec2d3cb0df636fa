// Slash commands typed in the composer, as in Element: /me, /plain, /topic, /invite, /leave. Pure: what
// the text asks for; the room view carries it out. "//" at the start sends a message that begins with "/".

export type ComposerCommand =
  | { kind: 'message'; text: string }
  | { kind: 'me'; text: string }
  | { kind: 'plain'; text: string }
  | { kind: 'topic'; topic: string }
  | { kind: 'invite'; userId: string }
  | { kind: 'leave' }
  | { kind: 'invalid'; command: string; reason: 'unknown' | 'missing-argument' | 'bad-user-id' };

export const COMMAND_NAMES = ['me', 'plain', 'topic', 'invite', 'leave'] as const;

/** A Matrix user ID: @localpart:server (the server part may carry a port). */
const USER_ID = /^@[^\s:]+:[^\s:]+(:\d+)?$/;

export function parseCommand(input: string): ComposerCommand {
  const text = input.trim();
  if (text.startsWith('//')) return { kind: 'message', text: text.slice(1) };
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!match?.[1]) return { kind: 'message', text };
  const name = match[1].toLowerCase();
  const argument = (match[2] ?? '').trim();
  const command = `/${match[1]}`;
  switch (name) {
    case 'me':
      return argument ? { kind: 'me', text: argument } : { kind: 'invalid', command, reason: 'missing-argument' };
    case 'plain':
      return argument ? { kind: 'plain', text: argument } : { kind: 'invalid', command, reason: 'missing-argument' };
    case 'topic':
      return argument ? { kind: 'topic', topic: argument } : { kind: 'invalid', command, reason: 'missing-argument' };
    case 'invite':
      if (!argument) return { kind: 'invalid', command, reason: 'missing-argument' };
      return USER_ID.test(argument) ? { kind: 'invite', userId: argument } : { kind: 'invalid', command, reason: 'bad-user-id' };
    case 'leave':
      return { kind: 'leave' };
    default:
      // A path or a smiley ("/etc/hosts", "/shrug"-like words we do not know) is refused, not sent by surprise.
      return { kind: 'invalid', command, reason: 'unknown' };
  }
}
