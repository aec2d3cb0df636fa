import { describe, expect, it } from 'vitest';
import { commandSuggestions, completeCommand, parseCommand } from '../../../../src/renderer/matrix/commands.ts';

describe('composer commands', () => {
  it('leaves ordinary text alone, and // sends a message starting with /', () => {
    expect(parseCommand('Bonjour')).toEqual({ kind: 'message', text: 'Bonjour' });
    expect(parseCommand('//etc/hosts is a file')).toEqual({ kind: 'message', text: '/etc/hosts is a file' });
  });

  it('reads /me, /plain and /topic with their text', () => {
    expect(parseCommand('/me salue tout le monde')).toEqual({ kind: 'me', text: 'salue tout le monde' });
    expect(parseCommand('/plain **pas en gras**')).toEqual({ kind: 'plain', text: '**pas en gras**' });
    expect(parseCommand('/TOPIC  Budget 2027\nsecond line')).toEqual({ kind: 'topic', topic: 'Budget 2027\nsecond line' });
  });

  it('checks /invite takes a Matrix ID, and /leave takes nothing', () => {
    expect(parseCommand('/invite @anne:example.gouv.fr')).toEqual({ kind: 'invite', userId: '@anne:example.gouv.fr' });
    expect(parseCommand('/invite @anne:localhost:8448')).toEqual({ kind: 'invite', userId: '@anne:localhost:8448' });
    expect(parseCommand('/invite anne')).toEqual({ kind: 'invalid', command: '/invite', reason: 'bad-user-id' });
    expect(parseCommand('/leave')).toEqual({ kind: 'leave' });
  });

  it('refuses an unknown command or a missing argument rather than sending it', () => {
    expect(parseCommand('/shrug')).toEqual({ kind: 'invalid', command: '/shrug', reason: 'unknown' });
    expect(parseCommand('/me')).toEqual({ kind: 'invalid', command: '/me', reason: 'missing-argument' });
    expect(parseCommand('/invite')).toEqual({ kind: 'invalid', command: '/invite', reason: 'missing-argument' });
  });
});

describe('command suggestions', () => {
  it('lists every command after "/", then those starting with what is typed', () => {
    expect(commandSuggestions('/')).toEqual(['me', 'plain', 'topic', 'invite', 'leave']);
    expect(commandSuggestions('/T')).toEqual(['topic']);
    expect(commandSuggestions('/zz')).toEqual([]);
  });

  it('offers nothing once the command has an argument, for //, or without a leading /', () => {
    expect(commandSuggestions('/me ')).toEqual([]);
    expect(commandSuggestions('//')).toEqual([]);
    expect(commandSuggestions('a /me')).toEqual([]);
  });

  it('completes to the command and a space, except /leave which takes nothing', () => {
    expect(completeCommand('invite')).toBe('/invite ');
    expect(completeCommand('leave')).toBe('/leave');
  });
});
