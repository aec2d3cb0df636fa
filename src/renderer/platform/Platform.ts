// What the renderer needs from where it runs. ElectronPlatform goes through the preload bridge;
// WebPlatform uses only the browser, so the same renderer runs (and is tested) in plain Chromium.
import type { IpcResponse } from '../../shared/ipc/contract.ts';
import type { ManagedSettings } from '../../shared/policy/managedSettings.ts';
import type { UserSettingsChange, UserSettingsView } from '../../shared/settings/userSettings.ts';
import type { LogRecord } from '../../shared/log/record.ts';

export type { ManagedSettings, UserSettingsChange, UserSettingsView };

export type PlatformKind = 'electron' | 'web';

/** The IPC contract is the one definition of these shapes; the web build produces the same ones. */
export type KeychainProblem = NonNullable<IpcResponse<'getKeychainStatus'>['problem']>;
export type ScreenSource = IpcResponse<'listScreenSources'>['sources'][number];

export interface SecretStorageInfo {
  /** False when secrets last only for this run (web build, or no OS keychain). */
  persistent: boolean;
  backend: string;
  problem: KeychainProblem | null;
}

export interface Platform {
  readonly kind: PlatformKind;
  /** Languages the system prefers, most preferred first. */
  preferredLanguages(): Promise<string[]>;
  getSecret(key: string): Promise<string | null>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
  secretStorage(): Promise<SecretStorageInfo>;
  /** Asks the keychain again, after the user unlocked or started it. */
  retrySecretStorage(): Promise<SecretStorageInfo>;
  openExternal(url: string): Promise<boolean>;
  /**
   * Machine policy as it applies to this app (a browser has none), checked against the contract's
   * schema: rejects when what arrived is malformed. Read once at start-up (ManagedSettingsContext).
   */
  managedSettings(): Promise<ManagedSettings>;
  notify(title: string, body: string): Promise<boolean>;
  /** Joins a Teams meeting the way policy allows; main re-checks the policy before acting. */
  joinTeamsMeeting(link: string, action: 'gateway' | 'isolated' | 'browser'): Promise<void>;
  /** Teams links the OS hands to the app (msteams: scheme); returns an unsubscribe. */
  onTeamsLink(listener: (link: string) => void): () => void;
  /** The operating system's view of the network (desktop only; a browser has navigator.onLine). */
  onSystemNetwork(listener: (online: boolean) => void): () => void;
  /** The user's own settings (desktop: the profile, where machine policy wins; web: localStorage). */
  userSettings(): Promise<UserSettingsView>;
  /** Saves a change; rejects (IpcError 'not-allowed' on the desktop) when policy locks a setting. */
  updateUserSettings(change: UserSettingsChange): Promise<UserSettingsView>;
  /**
   * Screens and windows to offer in our own picker before getDisplayMedia; null when the
   * environment has its own picker (a browser shows one itself).
   */
  screenSources(): Promise<ScreenSource[] | null>;
  /**
   * Sign-out: removes what the runtime keeps on disk for this app. Desktop: the HTTP cache and every
   * storage of the session (main clears them). Web: the Cache Storage entries a page may delete; the
   * browser's HTTP cache is out of a page's reach, which is why media is fetched with no-store.
   */
  clearSessionData(): Promise<void>;
  /** Records the user's pick for the getDisplayMedia call that follows; null cancels. */
  chooseScreenSource(id: string | null): Promise<boolean>;
  /**
   * The renderer's log records (platform/log.ts batches them). Desktop: to main's log file; web: the
   * newest kept in memory for Export diagnostics.
   */
  writeLogs(records: LogRecord[]): Promise<void>;
  /** Settings → Export diagnostics. Desktop: a save dialog with this title; web: a download. */
  exportDiagnostics(dialogTitle: string): Promise<'saved' | 'downloaded' | 'cancelled'>;
  /**
   * The number of rooms needing attention on the OS badge (0 clears it); `description` is what
   * screen readers say for the Windows taskbar overlay. Desktop only: a browser tab has the title.
   */
  setUnreadBadge(count: number, description: string): Promise<void>;
}
