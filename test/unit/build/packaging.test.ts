// Packaging cannot run here (no Electron zip, fpm or WiX), so its configuration is checked instead:
// electron-builder's own schema, the managed-rollout essentials, and the fuses.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  asar: boolean;
  asarUnpack: string[];
  afterPack: string;
  protocols: { schemes: string[] }[];
  linux: { target: string[]; mimeTypes: string[] };
  deb: { depends: string[]; fpm: string[] };
  win: { extraResources: { from: string; to: string; filter: string[] }[] };
  msi: { perMachine: boolean; upgradeCode: string };
  msiProjectCreated: string;
}

function loadConfig(): BuilderConfig {
  const yaml = require('js-yaml') as { load: (text: string) => unknown };
  return yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
}

async function validate(config: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(config, new DebugLogger(false));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validate(loadConfig())).resolves.toBeUndefined();
  });

  it('the schema check is real: an unknown key is rejected', async () => {
    await expect(validate({ ...loadConfig(), notAnOption: true })).rejects.toThrow(/unknown property 'notAnOption'/);
  });

  it('builds a deb that depends on libsecret and handles the app and msteams schemes', () => {
    const config = loadConfig();
    expect(config.linux.target).toContain('deb');
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.linux.mimeTypes).toEqual(expect.arrayContaining(['x-scheme-handler/relais', 'x-scheme-handler/msteams']));
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(expect.arrayContaining(['relais', 'msteams']));
  });

  it('installs the example policy under /usr/share, never as a live /etc file', () => {
    const { deb } = loadConfig();
    expect(deb.fpm).toContain('build/policy/policy.example.json=/usr/share/relais/policy.example.json');
    expect(deb.fpm.join(' ')).not.toContain('/etc/');
    for (const mapping of deb.fpm) expect(existsSync(mapping.split('=')[0] ?? '')).toBe(true);
  });

  it('ships the ADMX/ADML templates with the Windows build', () => {
    const [resource] = loadConfig().win.extraResources;
    expect(resource).toMatchObject({ from: 'build/policy', to: 'policy' });
    expect(existsSync('build/policy/relais.admx')).toBe(true);
  });

  it('builds a per-machine MSI with a pinned upgrade code', () => {
    const { msi } = loadConfig();
    expect(msi.perMachine).toBe(true);
    expect(msi.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  it('secures %ProgramData%\\Relais through the MSI project hook (msiPolicyFolder.test.ts)', () => {
    expect(loadConfig().msiProjectCreated).toBe('build/msiProjectCreated.cjs');
    expect(existsSync('build/msiProjectCreated.cjs')).toBe(true);
  });

  it('packs into an asar and flips fuses after packing', () => {
    const config = loadConfig();
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('build/afterPack.cjs');
  });

  it('keeps native modules loadable: outside the main bundle, and their binaries outside the asar', () => {
    expect(loadConfig().asarUnpack).toContain('**/*.node');
    const build = readFileSync('scripts/build-electron.ts', 'utf8');
    for (const native of ['@napi-rs/keyring', 'native-reg', 'koffi']) expect(build).toContain(`'${native}'`);
    // native-reg ships prebuilt N-API binaries for Windows only and a no-op install script elsewhere:
    // `npm ci` must compile nothing on Linux (no node-gyp, no download of Node headers).
    const nativeReg = require('native-reg/package.json') as {
      scripts: { install: string };
      dependencies: Record<string, string>;
    };
    expect(nativeReg.scripts.install).toBe('node-gyp-build-optional');
    for (const arch of ['x64', 'ia32', 'arm64'])
      expect(existsSync(`node_modules/native-reg/prebuilds/win32-${arch}/node.napi.node`)).toBe(true);
    // koffi's binaries come as one optional package per platform, prebuilt: the Windows ones are
    // in the lock file (installed when packaging on Windows) and nothing is compiled here.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, unknown> };
    for (const arch of ['x64', 'ia32', 'arm64'])
      expect(lock.packages).toHaveProperty([`node_modules/@koromix/koffi-win32-${arch}`]);
  });
});

describe('fuses', () => {
  const { fuseConfig } = require('../../../build/fuses.cjs') as { fuseConfig: (platform: string) => Record<number, boolean> };

  it.each(['linux', 'win32', 'darwin'])('locks down the %s binary', (platform) => {
    const fuses = fuseConfig(platform);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});
