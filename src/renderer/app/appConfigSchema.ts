// The deployment's app configuration: an optional `config.json` served next to index.html (the idea
// of Element's config.json). It names the servers the sign-in screen offers, and turns on Tchap mode
// (find the homeserver from an e-mail address) and single sign-on. Every object is strict, so a
// misspelt key is reported instead of being silently ignored.
import { z } from 'zod';
import { LOOPBACK_HOSTS } from '../../shared/net/loopback.ts';

/** Where Tchap servers live: `{hs}` is the server name the info endpoint answers (e.g. agent.tchap.gouv.fr). */
export const DEFAULT_TCHAP_HOMESERVER_URL_TEMPLATE = 'https://matrix.{hs}';

export const HS_PLACEHOLDER = '{hs}';

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Problems with a server base URL: TLS except on this machine, nothing that would leak into logs. */
export function baseUrlProblems(value: string): string[] {
  const url = /^https?:\/\//i.test(value) ? tryUrl(value) : null;
  if (!url) return ['must be an absolute URL such as https://matrix.example.org'];
  const problems: string[] = [];
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    problems.push('must start with https:// (plain http:// only for localhost)');
  }
  if (url.username !== '' || url.password !== '') problems.push('must not contain a user name or password');
  if (url.search !== '' || url.hash !== '') problems.push('must not contain "?" or "#" parts');
  return problems;
}

const baseUrl = z.string().superRefine((value, ctx) => {
  for (const message of baseUrlProblems(value)) ctx.addIssue({ code: 'custom', message });
});

const homeserverUrlTemplate = z.string().superRefine((value, ctx) => {
  if (value.split(HS_PLACEHOLDER).length !== 2) {
    ctx.addIssue({
      code: 'custom',
      message: `must contain ${HS_PLACEHOLDER} exactly once, as in ${DEFAULT_TCHAP_HOMESERVER_URL_TEMPLATE}`,
    });
    return;
  }
  // The scheme is checked here; whether plain http is acceptable depends on the host the server
  // name fills in, so that part is checked again for every discovered server.
  const filled = tryUrl(value.replace(HS_PLACEHOLDER, 'example.org'));
  if (!filled || (filled.protocol !== 'https:' && filled.protocol !== 'http:')) {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL template such as https://matrix.{hs}' });
    return;
  }
  if (filled.username !== '' || filled.password !== '')
    ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  if (filled.search !== '' || filled.hash !== '') ctx.addIssue({ code: 'custom', message: 'must not contain "?" or "#" parts' });
});

const tchapSchema = z.strictObject({
  enabled: z.boolean(),
  /** Base URLs of Tchap homeservers to ask which server holds an e-mail address. */
  infoServers: z.array(baseUrl).default([]),
  homeserverUrlTemplate: homeserverUrlTemplate.default(DEFAULT_TCHAP_HOMESERVER_URL_TEMPLATE),
});

export const appConfigSchema = z
  .strictObject({
    defaultHomeserver: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
    allowCustomHomeserver: z.boolean().default(true),
    tchap: tchapSchema.optional(),
    sso: z.strictObject({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  })
  .superRefine((value, ctx) => {
    if (value.tchap?.enabled && value.tchap.infoServers.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tchap', 'infoServers'],
        message: 'must list at least one server when Tchap mode is on',
      });
    }
    if (!value.allowCustomHomeserver && !value.defaultHomeserver && !value.tchap?.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultHomeserver'],
        message: 'is required when allowCustomHomeserver is false (otherwise there is no server to sign in to)',
      });
    }
  });

export type AppConfig = z.output<typeof appConfigSchema>;
export type TchapConfig = NonNullable<AppConfig['tchap']>;

/** What a deployment without config.json gets. */
export const DEFAULT_APP_CONFIG: AppConfig = appConfigSchema.parse({});

export type AppConfigParse = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

/** Parses the text of config.json. Problems are sentences naming the key, for administrators. */
export function parseAppConfig(text: string): AppConfigParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`config.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = appConfigSchema.safeParse(json);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'config.json';
      return `${where}: ${issue.message}`;
    }),
  };
}
