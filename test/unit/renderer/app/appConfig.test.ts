import { describe, expect, it } from 'vitest';
import { initialHomeserver, loadAppConfig } from '../../../../src/renderer/app/appConfig.ts';
import {
  DEFAULT_APP_CONFIG,
  DEFAULT_TCHAP_HOMESERVER_URL_TEMPLATE,
  parseAppConfig,
} from '../../../../src/renderer/app/appConfigSchema.ts';

function problemsOf(text: string): string[] {
  const result = parseAppConfig(text);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseAppConfig', () => {
  it('an empty object gives the defaults', () => {
    expect(parseAppConfig('{}')).toEqual({ ok: true, config: DEFAULT_APP_CONFIG });
    expect(DEFAULT_APP_CONFIG).toEqual({ allowCustomHomeserver: true, sso: { enabled: true } });
  });

  it('reads a full Tchap configuration and fills in the URL template', () => {
    const result = parseAppConfig(
      JSON.stringify({
        defaultHomeserver: 'matrix.agent.tchap.gouv.fr',
        allowCustomHomeserver: false,
        tchap: {
          enabled: true,
          infoServers: ['https://matrix.agent.tchap.gouv.fr', 'https://matrix.agent.finances.tchap.gouv.fr'],
        },
        sso: { enabled: false },
      }),
    );
    expect(result).toEqual({
      ok: true,
      config: {
        defaultHomeserver: 'matrix.agent.tchap.gouv.fr',
        allowCustomHomeserver: false,
        tchap: {
          enabled: true,
          infoServers: ['https://matrix.agent.tchap.gouv.fr', 'https://matrix.agent.finances.tchap.gouv.fr'],
          homeserverUrlTemplate: DEFAULT_TCHAP_HOMESERVER_URL_TEMPLATE,
        },
        sso: { enabled: false },
      },
    });
  });

  it('accepts plain http for servers on this machine only', () => {
    const local = { tchap: { enabled: true, infoServers: ['http://127.0.0.1:8008'], homeserverUrlTemplate: 'http://{hs}:8008' } };
    expect(parseAppConfig(JSON.stringify(local)).ok).toBe(true);
    expect(problemsOf(JSON.stringify({ tchap: { enabled: true, infoServers: ['http://matrix.example.org'] } }))).toEqual([
      'tchap.infoServers.0: must start with https:// (plain http:// only for localhost)',
    ]);
  });

  it('names every problem with the key it is about', () => {
    const problems = problemsOf(
      JSON.stringify({
        allowCustomHomeserver: 'yes',
        tchap: {
          enabled: true,
          infoServers: ['matrix.example.org', 'https://u:p@example.org/?a=1'],
          homeserverUrlTemplate: 'https://matrix.example.org',
        },
        colour: 'blue',
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^allowCustomHomeserver: /),
        'tchap.infoServers.0: must be an absolute URL such as https://matrix.example.org',
        'tchap.infoServers.1: must not contain a user name or password',
        'tchap.infoServers.1: must not contain "?" or "#" parts',
        'tchap.homeserverUrlTemplate: must contain {hs} exactly once, as in https://matrix.{hs}',
        expect.stringMatching(/^config\.json: .*colour/),
      ]),
    );
  });

  it('refuses Tchap mode without servers to ask, and a locked homeserver without one', () => {
    expect(problemsOf('{"tchap":{"enabled":true}}')).toEqual([
      'tchap.infoServers: must list at least one server when Tchap mode is on',
    ]);
    expect(problemsOf('{"allowCustomHomeserver":false}')).toEqual([
      'defaultHomeserver: is required when allowCustomHomeserver is false (otherwise there is no server to sign in to)',
    ]);
  });

  it('reports text that is not JSON, and JSON that is not an object', () => {
    expect(problemsOf('{ defaultHomeserver: x }')[0]).toMatch(/^config\.json is not valid JSON: /);
    expect(problemsOf('[]')[0]).toMatch(/^config\.json: /);
  });
});

describe('loadAppConfig', () => {
  const answer =
    (body: string, status = 200, type = 'application/json') =>
    () =>
      Promise.resolve(new Response(status === 404 ? null : body, { status, headers: { 'Content-Type': type } }));

  it('a missing config.json means the defaults', async () => {
    expect(await loadAppConfig(answer('', 404))).toEqual({ kind: 'ok', config: DEFAULT_APP_CONFIG });
  });

  it("a development server's HTML fallback is a missing file too", async () => {
    expect(await loadAppConfig(answer('<!doctype html>', 200, 'text/html'))).toEqual({ kind: 'ok', config: DEFAULT_APP_CONFIG });
  });

  it('a valid file is used', async () => {
    const state = await loadAppConfig(answer('{"defaultHomeserver":"matrix.example.gouv.fr"}'));
    expect(state).toEqual({ kind: 'ok', config: { ...DEFAULT_APP_CONFIG, defaultHomeserver: 'matrix.example.gouv.fr' } });
  });

  it('an invalid file, a server error or a failed request stop the app with the reason', async () => {
    expect(await loadAppConfig(answer('{"tchap":{}}'))).toMatchObject({
      kind: 'invalid',
      problems: [expect.stringMatching(/^tchap\.enabled: /)],
    });
    expect(await loadAppConfig(answer('', 500))).toEqual({
      kind: 'invalid',
      problems: ['config.json could not be read: HTTP 500'],
    });
    expect(await loadAppConfig(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual({
      kind: 'invalid',
      problems: ['config.json could not be read: Failed to fetch'],
    });
  });
});

describe('initialHomeserver', () => {
  it('prefers ?hs= when users may choose, otherwise the configured server', () => {
    const open = { ...DEFAULT_APP_CONFIG, defaultHomeserver: 'matrix.example.gouv.fr' };
    expect(initialHomeserver(open, '?hs=http%3A%2F%2F127.0.0.1%3A8008')).toBe('http://127.0.0.1:8008');
    expect(initialHomeserver(open, '')).toBe('matrix.example.gouv.fr');
    expect(initialHomeserver({ ...open, allowCustomHomeserver: false }, '?hs=evil.example')).toBe('matrix.example.gouv.fr');
    expect(initialHomeserver(DEFAULT_APP_CONFIG, '')).toBe('');
  });
});
