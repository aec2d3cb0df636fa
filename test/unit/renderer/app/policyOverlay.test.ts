import { describe, expect, it } from 'vitest';
import { applyMachinePolicy } from '../../../../src/renderer/app/policyOverlay.ts';
import { DEFAULT_APP_CONFIG } from '../../../../src/renderer/app/appConfigSchema.ts';
import { unmanagedSettings, type ManagedSettings, type SettingLock } from '../../../../src/shared/policy/managedSettings.ts';
import type { EffectiveSettings } from '../../../../src/shared/policy/settings.ts';

const BY_POLICY: SettingLock = { kind: 'policy', reason: 'set by machine policy in /etc/relais/policy.json', sources: [] };

function managed(
  settings: Partial<EffectiveSettings>,
  locks: ManagedSettings['locks'],
  mode: ManagedSettings['mode'] = 'managed',
): ManagedSettings {
  const base = unmanagedSettings();
  return { ...base, mode, settings: { ...base.settings, ...settings }, locks };
}

describe('machine policy over config.json', () => {
  it('a locked homeserver list fixes the sign-in homeserver', () => {
    const config = applyMachinePolicy(
      { ...DEFAULT_APP_CONFIG, defaultHomeserver: 'https://from-config.example' },
      managed({ homeservers: ['https://matrix.example.gouv.fr'] }, { homeservers: BY_POLICY }),
    );
    expect(config).toMatchObject({ allowCustomHomeserver: false, defaultHomeserver: 'https://matrix.example.gouv.fr' });
  });

  it('custom homeservers refused by policy: the configured one stays, and cannot be changed', () => {
    const config = applyMachinePolicy(
      { ...DEFAULT_APP_CONFIG, defaultHomeserver: 'https://from-config.example' },
      managed({ allowCustomHomeserver: false }, { allowCustomHomeserver: BY_POLICY }),
    );
    expect(config).toMatchObject({ allowCustomHomeserver: false, defaultHomeserver: 'https://from-config.example' });
  });

  it('unlocked defaults and unmanaged machines leave config.json alone', () => {
    const unlocked = managed({ homeservers: ['https://x.example'] }, {});
    expect(applyMachinePolicy(DEFAULT_APP_CONFIG, unlocked)).toEqual(DEFAULT_APP_CONFIG);
    const unmanaged = managed({ homeservers: ['https://x.example'] }, { homeservers: BY_POLICY }, 'none');
    expect(applyMachinePolicy(DEFAULT_APP_CONFIG, unmanaged)).toEqual(DEFAULT_APP_CONFIG);
  });

  it('Tchap mode set by policy replaces the deployment one', () => {
    const config = applyMachinePolicy(
      DEFAULT_APP_CONFIG,
      managed(
        { tchap: { enabled: true, infoServers: ['https://matrix.agent.tchap.gouv.fr'] } },
        { 'tchap.enabled': BY_POLICY, 'tchap.infoServers': BY_POLICY },
      ),
    );
    expect(config.tchap).toEqual({
      enabled: true,
      infoServers: ['https://matrix.agent.tchap.gouv.fr'],
      homeserverUrlTemplate: 'https://matrix.{hs}',
    });
  });

  it('Tchap info servers not locked: the deployment ones stay', () => {
    const deployment = { enabled: false, infoServers: ['https://info.example'], homeserverUrlTemplate: 'https://hs.{hs}' };
    const config = applyMachinePolicy(
      { ...DEFAULT_APP_CONFIG, tchap: deployment },
      managed({ tchap: { enabled: true, infoServers: [] } }, { 'tchap.enabled': BY_POLICY }),
    );
    expect(config.tchap).toEqual({ ...deployment, enabled: true });
  });
});
