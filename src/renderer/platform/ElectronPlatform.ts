import type { Subscriptions } from '../../shared/ipc/bridge.ts';
import type { RelaisBridge } from '../../shared/ipc/contract.ts';
import { IpcError } from '../../shared/ipc/errors.ts';
import type { LogRecord } from '../../shared/log/record.ts';
import { parseManagedSettings } from '../../shared/policy/managedSettings.ts';
import type {
  ManagedSettings,
  Platform,
  ScreenSource,
  SecretStorageInfo,
  UserSettingsChange,
  UserSettingsView,
} from './Platform.ts';

export class ElectronPlatform implements Platform {
  readonly kind = 'electron' as const;

  private readonly bridge: RelaisBridge & Subscriptions;

  constructor(bridge: RelaisBridge & Subscriptions) {
    this.bridge = bridge;
  }

  async preferredLanguages(): Promise<string[]> {
    const info = await this.bridge.getAppInfo();
    return [info.locale, ...info.preferredLanguages];
  }

  async getSecret(key: string): Promise<string | null> {
    return (await this.bridge.getSecret({ key })).value;
  }

  async setSecret(key: string, value: string): Promise<void> {
    await this.bridge.setSecret({ key, value });
  }

  async deleteSecret(key: string): Promise<void> {
    await this.bridge.deleteSecret({ key });
  }

  async secretStorage(): Promise<SecretStorageInfo> {
    return this.bridge.getKeychainStatus();
  }

  async retrySecretStorage(): Promise<SecretStorageInfo> {
    return this.bridge.retryKeychain();
  }

  async clearSessionData(): Promise<void> {
    await this.bridge.clearSessionData();
  }

  /** Main checked its reply already; this side checks what actually arrived before anything trusts it. */
  async managedSettings(): Promise<ManagedSettings> {
    const parsed = parseManagedSettings(await this.bridge.getManagedSettings());
    if (!parsed.ok) throw new IpcError('invalid-response', parsed.error);
    return parsed.value;
  }

  async openExternal(url: string): Promise<boolean> {
    return (await this.bridge.openExternal({ url })).opened;
  }

  async joinTeamsMeeting(link: string, action: 'gateway' | 'isolated' | 'browser'): Promise<void> {
    await this.bridge.joinTeamsMeeting({ link, action });
  }

  onTeamsLink(listener: (link: string) => void): () => void {
    return this.bridge.onTeamsLinkOpened((payload) => {
      const link = (payload as { link?: unknown } | null)?.link;
      if (typeof link === 'string' && link.length <= 65_536) listener(link);
    });
  }

  onSystemNetwork(listener: (online: boolean) => void): () => void {
    return this.bridge.onNetworkChanged((payload) => {
      const online = (payload as { online?: unknown } | null)?.online;
      if (typeof online === 'boolean') listener(online);
    });
  }

  async notify(title: string, body: string): Promise<boolean> {
    return (await this.bridge.showNotification({ title, body })).shown;
  }

  async userSettings(): Promise<UserSettingsView> {
    return this.bridge.getUserSettings();
  }

  async updateUserSettings(change: UserSettingsChange): Promise<UserSettingsView> {
    return this.bridge.setUserSettings(change);
  }

  async screenSources(): Promise<ScreenSource[] | null> {
    return (await this.bridge.listScreenSources()).sources;
  }

  async chooseScreenSource(id: string | null): Promise<boolean> {
    return (await this.bridge.chooseScreenSource({ id })).chosen;
  }

  async writeLogs(records: LogRecord[]): Promise<void> {
    await this.bridge.writeLogs({ records });
  }

  async setUnreadBadge(count: number, description: string): Promise<void> {
    await this.bridge.setUnreadBadge({ count, description });
  }

  async exportDiagnostics(dialogTitle: string): Promise<'saved' | 'cancelled'> {
    return (await this.bridge.exportDiagnostics({ dialogTitle })).saved ? 'saved' : 'cancelled';
  }
}
