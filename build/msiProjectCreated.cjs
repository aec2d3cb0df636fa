// electron-builder hook (msiProjectCreated): adds %ProgramData%\Relais to the MSI, created with an
// ACL that lets only administrators and SYSTEM write. Relais reads machine policy from
// %ProgramData%\Relais\policy.json; ProgramData's default ACL lets any user create a subfolder
// and own it, so without this a user could create that folder first and drop a policy.json of
// their own (it cannot override Group Policy values, but it can add what Group Policy leaves unset,
// such as allowedEgressHosts).
//
// electron-builder's WiX template cannot be replaced or extended from electron-builder.yml
// (additionalWixArgs/additionalLightArgs only pass flags; candle compiles the generated project
// alone), so this hook edits the generated project.wxs before candle runs. It fails the build if
// the template no longer has the anchors it needs, rather than silently shipping without the ACL.
//
// The ACL is MSI's own MsiLockPermissionsEx (WiX <PermissionEx Sddl=...>, Windows Installer 5,
// which the template already requires): SDDL names the groups by well-known SID (BA, SY, BU), so it
// works on French, German... Windows alike, unlike the localised names LockPermissions needs.
//   O:BA G:SY                owner Administrators (not the user who might have created the folder)
//   D:PAI                    protected DACL: nothing inherited from ProgramData ("Users: create")
//   (A;OICI;FA;;;SY)         SYSTEM: full control, inherited by files inside
//   (A;OICI;FA;;;BA)         Administrators: full control, inherited
//   (A;OICI;0x1200a9;;;BU)   Users: read and execute only (they must read the policy)
// Not verified with WiX here: packaging cannot run on the development machines (no WiX download).
const { readFile, writeFile } = require('node:fs/promises');

const POLICY_FOLDER_SDDL = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)';
// Fixed: the component must keep its GUID across versions for upgrades to treat it as the same one.
const COMPONENT_GUID = '{E806860F-518B-4851-9552-FF4E9E418340}';

const ANCHORS = {
  targetDir: '<Directory Id="TARGETDIR" Name="SourceDir">',
  feature: '<ComponentGroupRef Id="ProductComponents"/>',
  productEnd: '</Product>',
};

function countOf(text, needle) {
  return text.split(needle).length - 1;
}

/** The project with the policy folder declared, created and secured; throws if the template changed. */
function addPolicyFolder(wxs) {
  for (const [name, anchor] of Object.entries(ANCHORS)) {
    if (countOf(wxs, anchor) !== 1)
      throw new Error(`msiProjectCreated: expected one ${name} anchor ${anchor} in the WiX project`);
  }
  if (wxs.includes('RelaisPolicyFolder')) return wxs;
  return wxs
    .replace(
      ANCHORS.targetDir,
      `${ANCHORS.targetDir}
      <Directory Id="CommonAppDataFolder">
        <Directory Id="RelaisPolicyFolder" Name="Relais"/>
      </Directory>`,
    )
    .replace(ANCHORS.feature, `${ANCHORS.feature}\n      <ComponentRef Id="RelaisPolicyFolderAcl"/>`)
    .replace(
      ANCHORS.productEnd,
      `  <DirectoryRef Id="RelaisPolicyFolder">
      <!-- Permanent: uninstalling Relais must not remove the folder holding the organisation's policy. -->
      <Component Id="RelaisPolicyFolderAcl" Guid="${COMPONENT_GUID}" Permanent="yes">
        <CreateFolder>
          <PermissionEx Sddl="${POLICY_FOLDER_SDDL}"/>
        </CreateFolder>
      </Component>
    </DirectoryRef>
  ${ANCHORS.productEnd}`,
    );
}

exports.POLICY_FOLDER_SDDL = POLICY_FOLDER_SDDL;
exports.addPolicyFolder = addPolicyFolder;
exports.default = async function msiProjectCreated(projectFile) {
  await writeFile(projectFile, addPolicyFolder(await readFile(projectFile, 'utf8')));
};
