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

export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The commands offered while the first word is being typed ("/", "/to"): those starting with what is
 * typed, in the usual order. None once a space follows, for "//" or for text that does not start with "/".
 */
export function commandSuggestions(text: string): CommandName[] {
  const match = /^\/([^\s/]*)$/.exec(text);
  if (!match) return [];
  const typed = (match[1] ?? '').toLowerCase();
  return COMMAND_NAMES.filter((name) => name.startsWith(typed));
}

/** What choosing a suggestion puts in the composer: the command and a space, ready for its argument. */
export function completeCommand(name: CommandName): string {
  return name === 'leave' ? '/leave' : `/${name} `;
}
