// The MSI creates %ProgramData%\Relais writable by administrators only. WiX cannot run here, so the
// hook is applied to a project rendered from electron-builder's own WiX template (the one the real
// build uses), and the result is checked as XML: the folder, its ACL, and the feature installing it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from '../support/xml.ts';

const require = createRequire(import.meta.url);
const { addPolicyFolder, POLICY_FOLDER_SDDL } = require('../../../build/msiProjectCreated.cjs') as {
  addPolicyFolder: (wxs: string) => string;
  POLICY_FOLDER_SDDL: string;
};

/** electron-builder's template, compiled the way MsiTarget compiles it, with Relais's options. */
function renderElectronBuilderProject(): string {
  const ejs = require('ejs') as { compile: (template: string) => (data: Record<string, unknown>) => string };
  const template = readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8')
    .replace(/{{/g, '<%')
    .replace(/}}/g, '%>')
    .replace(/\${([^}]+)}/g, '<%=$1%>');
  return ejs.compile(template)({
    productName: 'Relais',
    upgradeCode: '8F5C2F1E-4B7A-4D0E-9A51-3C2D6E7F8A90',
    version: '0.1.0.0',
    manufacturer: 'Relais team',
    appDescription: 'Relais',
    compressionLevel: 'high',
    iconPath: null,
    iconId: 'RelaisIcon.exe',
    isRunAfterFinish: true,
    isPerMachine: true,
    isAssisted: true,
    isCreateDesktopShortcut: true,
    isCreateStartMenuShortcut: true,
    menuCategory: null,
    shortcutName: 'Relais',
    programFilesId: 'ProgramFiles64Folder',
    installationDirectoryWixName: 'Relais',
    dirs: '',
    files: '<Component><File Id="mainExecutable" Name="Relais.exe" Source="$(var.appDir)\\Relais.exe"/></Component>',
  });
}

describe('MSI: %ProgramData%\\Relais writable by administrators only', () => {
  const project = addPolicyFolder(renderElectronBuilderProject());
  const wix = parseXml(project);

  it('declares the folder under CommonAppDataFolder (ProgramData)', () => {
    const commonAppData = findAll(wix, 'Directory').find((d) => d.attributes.Id === 'CommonAppDataFolder');
    expect(commonAppData?.children.map((c) => c.attributes)).toEqual([{ Id: 'RelaisPolicyFolder', Name: 'Relais' }]);
  });

  it('creates it with a protected ACL: SYSTEM and Administrators full control, Users read only', () => {
    const component = findAll(wix, 'Component').find((c) => c.attributes.Id === 'RelaisPolicyFolderAcl');
    expect(component?.attributes).toMatchObject({
      Permanent: 'yes',
      Guid: expect.stringMatching(/^\{[0-9A-F-]{36}\}$/) as string,
    });
    const permission = findAll(component!, 'PermissionEx');
    expect(permission.map((p) => p.attributes.Sddl)).toEqual([POLICY_FOLDER_SDDL]);
    // Owner Administrators; protected DACL (nothing inherited from ProgramData, where Users may create).
    expect(POLICY_FOLDER_SDDL).toMatch(/^O:BAG:SYD:PAI/);
    const aces = [...POLICY_FOLDER_SDDL.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!.split(';'));
    const rights: Record<string, string> = {};
    for (const [type, flags, mask, , , sid] of aces) rights[sid ?? ''] = `${type} ${flags} ${mask}`;
    expect(rights).toEqual({ SY: 'A OICI FA', BA: 'A OICI FA', BU: 'A OICI 0x1200a9' });
    // 0x1200a9 = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE: no write, append, delete or WRITE_DAC.
    expect(0x1200a9 & (0x2 | 0x4 | 0x10000 | 0x40000 | 0x80000)).toBe(0);
  });

  it('is installed by the product feature', () => {
    const feature = findAll(wix, 'Feature').find((f) => f.attributes.Id === 'ProductFeature');
    expect(findAll(feature!, 'ComponentRef').map((r) => r.attributes.Id)).toContain('RelaisPolicyFolderAcl');
  });

  it('is applied once, and fails the build if electron-builder changes its template', () => {
    expect(addPolicyFolder(project)).toBe(project);
    expect(() => addPolicyFolder('<Wix><Product></Product></Wix>')).toThrow(/anchor/);
  });
});
