// The browser build: no keychain exists, so secrets are held in memory for this tab only and a
// reload means signing in again. That is deliberate: a web page has no safe place for a token.
import { externalLinkTarget } from '../../shared/externalLinks.ts';
import { inspectLink } from '../../shared/teams/index.ts';
import { resolveSettings } from '../../shared/policy/resolve.ts';
import { unmanagedSettings } from '../../shared/policy/managedSettings.ts';
import {
  applyUserSettingsChange,
  EMPTY_USER_SETTINGS,
  parseUserSettings,
  serializeUserSettings,
  userSettingsChangeSchema,
  userSettingsView,
  type StoredUserSettings,
} from '../../shared/settings/userSettings.ts';
import { buildDiagnosticsReport, diagnosticsFileName } from '../../shared/log/diagnostics.ts';
import { formatRecord } from '../../shared/log/format.ts';
import type { LogRecord } from '../../shared/log/record.ts';
import { createLogRingBuffer } from './logRingBuffer.ts';
import { rendererLogger } from './log.ts';
import type {
  ManagedSettings,
  Platform,
  ScreenSource,
  SecretStorageInfo,
  UserSettingsChange,
  UserSettingsView,
} from './Platform.ts';

/** localStorage key of the user's settings in the web build (same shape as the desktop settings.json). */
export const WEB_SETTINGS_KEY = 'relais.settings';
const log = rendererLogger('platform');

/** The web build's log lives in the tab's memory: the newest records, within these caps. */
export const WEB_LOG_MAX_RECORDS = 2_000;
export const WEB_LOG_MAX_CHARS = 1_000_000;
/** A browser has no machine policy: nothing is locked by an organisation. */
const NO_POLICY = { status: 'none', searched: [], sources: [], notices: [] } as const;

export interface WebPlatformEnv {
  languages: readonly string[];
  open(url: string): void;
  notify?: (title: string, body: string) => boolean;
  /** Where settings persist (window.localStorage); without it they last for this tab. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Cache Storage (window.caches; absent outside secure contexts), emptied at sign-out. */
  caches?: Pick<CacheStorage, 'keys' | 'delete'>;
  /** What Export diagnostics says about this build and browser. */
  about?: { version: string; userAgent: string; platform: string; locale: string };
  /** Offers a text file for download; without it, Export diagnostics fails. */
  download?: (fileName: string, text: string) => void;
  now?: () => Date;
}

export class WebPlatform implements Platform {
  readonly kind = 'web' as const;
  private readonly secrets = new Map<string, string>();
  private readonly logs = createLogRingBuffer(WEB_LOG_MAX_RECORDS, WEB_LOG_MAX_CHARS);

  private readonly env: WebPlatformEnv;

  constructor(env: WebPlatformEnv) {
    this.env = env;
  }

  preferredLanguages(): Promise<string[]> {
    return Promise.resolve([...this.env.languages]);
  }

  getSecret(key: string): Promise<string | null> {
    return Promise.resolve(this.secrets.get(key) ?? null);
  }

  setSecret(key: string, value: string): Promise<void> {
    this.secrets.set(key, value);
    return Promise.resolve();
  }

  deleteSecret(key: string): Promise<void> {
    this.secrets.delete(key);
    return Promise.resolve();
  }

  secretStorage(): Promise<SecretStorageInfo> {
    // A browser tab has no keychain by design: not a problem to report.
    return Promise.resolve({ persistent: false, backend: 'memory', problem: null });
  }

  retrySecretStorage(): Promise<SecretStorageInfo> {
    return this.secretStorage();
  }

  /** No organisation manages a browser tab: built-in defaults, nothing locked. */
  managedSettings(): Promise<ManagedSettings> {
    return Promise.resolve(unmanagedSettings());
  }

  openExternal(url: string): Promise<boolean> {
    const target = externalLinkTarget(url);
    if (!target) return Promise.resolve(false);
    this.env.open(target);
    return Promise.resolve(true);
  }

  /** A browser has no machine policy, so the Teams bridge is off: only plain browser opening exists. */
  joinTeamsMeeting(link: string, action: 'gateway' | 'isolated' | 'browser'): Promise<void> {
    const inspection = inspectLink(link);
    if (action !== 'browser' || inspection.status !== 'meeting') return Promise.reject(new Error('Not available in the browser'));
    this.env.open(inspection.meeting.canonicalUrl);
    return Promise.resolve();
  }

  onTeamsLink(): () => void {
    return () => undefined;
  }

  onSystemNetwork(): () => void {
    return () => undefined;
  }

  notify(title: string, body: string): Promise<boolean> {
    return Promise.resolve(this.env.notify?.(title, body) ?? false);
  }

  private memorySettings: StoredUserSettings = { ...EMPTY_USER_SETTINGS };

  private storedSettings(): StoredUserSettings {
    // Storage can be disabled or full (private windows): settings then last for this tab.
    let text: string | null;
    try {
      text = this.env.storage?.getItem(WEB_SETTINGS_KEY) ?? null;
    } catch (error) {
      log.swallow('reading settings from the browser storage', 'debug')(error);
      text = null;
    }
    return text === null ? this.memorySettings : parseUserSettings(text).settings;
  }

  userSettings(): Promise<UserSettingsView> {
    const stored = this.storedSettings();
    return Promise.resolve(userSettingsView(stored, resolveSettings(NO_POLICY, stored)));
  }

  updateUserSettings(change: UserSettingsChange): Promise<UserSettingsView> {
    const stored = this.storedSettings();
    const result = applyUserSettingsChange(stored, userSettingsChangeSchema.parse(change), resolveSettings(NO_POLICY, stored));
    if (!result.ok) return Promise.reject(new Error(result.message));
    this.memorySettings = result.settings;
    try {
      this.env.storage?.setItem(WEB_SETTINGS_KEY, serializeUserSettings(result.settings));
    } catch (error) {
      // Kept in memory for this tab (see storedSettings).
      log.swallow('saving settings in the browser storage', 'info')(error);
    }
    return Promise.resolve(userSettingsView(result.settings, resolveSettings(NO_POLICY, result.settings)));
  }

  async clearSessionData(): Promise<void> {
    const caches = this.env.caches;
    if (!caches) return;
    const names = await caches.keys().catch(() => []);
    await Promise.all(names.map((name) => caches.delete(name).catch(() => false)));
  }

  /** The browser's own getDisplayMedia picker applies. */
  screenSources(): Promise<ScreenSource[] | null> {
    return Promise.resolve(null);
  }

  chooseScreenSource(): Promise<boolean> {
    return Promise.resolve(true);
  }

  writeLogs(records: LogRecord[]): Promise<void> {
    for (const record of records) this.logs.push(record);
    return Promise.resolve();
  }

  /** A page has no OS badge: the window title ("(2) Relais") is all a browser shows. */
  setUnreadBadge(): Promise<void> {
    return Promise.resolve();
  }

  /** The same file as the desktop app's, from what this tab knows and logged; downloaded. */
  async exportDiagnostics(): Promise<'downloaded'> {
    const download = this.env.download;
    if (!download) throw new Error('Downloads are not available here');
    const generatedAt = this.env.now?.() ?? new Date();
    const about = this.env.about;
    const text = buildDiagnosticsReport({
      generatedAt,
      app: { name: 'Relais', version: about?.version ?? 'unknown', build: 'web' },
      system: {
        platform: about?.platform ?? 'unknown',
        userAgent: about?.userAgent,
        locale: about?.locale,
      },
      policy: await this.managedSettings(),
      log: { lines: this.logs.records().map(formatRecord), truncated: this.logs.dropped > 0 },
    });
    download(diagnosticsFileName(generatedAt), text);
    return 'downloaded';
  }
}
