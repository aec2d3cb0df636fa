// Loads the deployment's config.json from next to index.html before the app renders. A missing file
// means the defaults (a plain Matrix client); a file that is there but unreadable or invalid stops
// the app on an explanation, because guessing would connect to servers the administrator did not name.
import { DEFAULT_APP_CONFIG, parseAppConfig, type AppConfig } from './appConfigSchema.ts';

export type AppConfigState = { kind: 'ok'; config: AppConfig } | { kind: 'invalid'; problems: string[] };

export const CONFIG_URL = './config.json';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function loadAppConfig(fetchFn: Fetch, url: string = CONFIG_URL): Promise<AppConfigState> {
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    return {
      kind: 'invalid',
      problems: [`config.json could not be read: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  if (response.status === 404) return { kind: 'ok', config: DEFAULT_APP_CONFIG };
  if (!response.ok) return { kind: 'invalid', problems: [`config.json could not be read: HTTP ${response.status}`] };
  // A development server answers unknown paths with index.html: that is a missing file, not a bad one.
  if ((response.headers.get('content-type') ?? '').includes('text/html')) return { kind: 'ok', config: DEFAULT_APP_CONFIG };
  const parsed = parseAppConfig(await response.text());
  return parsed.ok ? { kind: 'ok', config: parsed.config } : { kind: 'invalid', problems: parsed.problems };
}

/**
 * The homeserver the sign-in screen starts with: the page's `?hs=` (the demo and tests use it) when
 * users may choose their server, otherwise the configured one.
 */
export function initialHomeserver(config: AppConfig, search: string): string {
  const fromUrl = config.allowCustomHomeserver ? new URLSearchParams(search).get('hs') : null;
  return fromUrl ?? config.defaultHomeserver ?? '';
}
