import { describe, expect, it } from 'vitest';
import { applyMachinePolicy } from '../../../src/renderer/app/policyOverlay.ts';
import { DEFAULT_APP_CONFIG } from '../../../src/shared/config/appConfig.ts';
import type { ManagedSettings } from '../../../src/renderer/platform/Platform.ts';

function managed(settings: ManagedSettings['settings'], mode: ManagedSettings['mode'] = 'managed'): ManagedSettings {
  return { mode, userMessage: null, settings, egress: { mode: 'managed', allowedHosts: [] } };
}

describe('machine policy over config.json', () => {
  it('a locked homeserver list fixes the sign-in homeserver', () => {
    const config = applyMachinePolicy(
      { ...DEFAULT_APP_CONFIG, defaultHomeserver: 'https://from-config.example' },
      managed({ homeservers: { value: ['https://matrix.example.gouv.fr'], locked: true, reason: '/etc/relais/policy.json' } }),
    );
    expect(config).toMatchObject({ allowCustomHomeserver: false, defaultHomeserver: 'https://matrix.example.gouv.fr' });
  });

  it('unlocked defaults and unmanaged machines leave config.json alone', () => {
    const unlocked = managed({ homeservers: { value: ['https://x.example'], locked: false, reason: null } });
    expect(applyMachinePolicy(DEFAULT_APP_CONFIG, unlocked)).toEqual(DEFAULT_APP_CONFIG);
    expect(applyMachinePolicy(DEFAULT_APP_CONFIG, managed({}, 'none'))).toEqual(DEFAULT_APP_CONFIG);
  });

  it('Tchap mode set by policy replaces the deployment one', () => {
    const config = applyMachinePolicy(
      DEFAULT_APP_CONFIG,
      managed({
        'tchap.enabled': { value: true, locked: true, reason: 'policy' },
        'tchap.infoServers': { value: ['https://matrix.agent.tchap.gouv.fr'], locked: true, reason: 'policy' },
      }),
    );
    expect(config.tchap).toEqual({
      enabled: true,
      infoServers: ['https://matrix.agent.tchap.gouv.fr'],
      homeserverUrlTemplate: 'https://matrix.{hs}',
    });
  });
});
