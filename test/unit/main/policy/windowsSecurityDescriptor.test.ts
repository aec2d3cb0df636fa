import { describe, expect, it } from 'vitest';
import { accessMask, checkSecurityDescriptor, parseSddl } from '../../../../src/main/policy/windowsSecurityDescriptor.ts';

// Descriptors as Windows prints them (Get-Acl ... | % Sddl) for the cases an administrator meets.
const MSI_FOLDER = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)';
const MSI_FILE = 'O:BAG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)';
// A folder created under ProgramData without the installer's protected ACL: it inherits
// ProgramData's "Users may add files and folders" entry.
const PLAIN_PROGRAMDATA_FOLDER =
  'O:BAG:S-1-5-21-1-2-3-513D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIIOID;GA;;;CO)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)';
const USER_SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';

describe('Windows security descriptors of policy files (SDDL)', () => {
  it('trusts the file and folder the installer creates (administrators and SYSTEM write, Users read)', () => {
    expect(checkSecurityDescriptor(MSI_FOLDER, 'the folder')).toEqual({ trusted: true });
    expect(checkSecurityDescriptor(MSI_FILE, 'policy.json')).toEqual({ trusted: true });
  });

  it('trusts TrustedInstaller and full SIDs for SYSTEM and Administrators', () => {
    const sddl =
      'O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464D:P(A;;FA;;;S-1-5-18)(A;;FA;;;S-1-5-32-544)(A;;FR;;;S-1-5-32-545)';
    expect(checkSecurityDescriptor(sddl, 'policy.json')).toEqual({ trusted: true });
  });

  it('refuses a file owned by an ordinary user, naming the owner', () => {
    const verdict = checkSecurityDescriptor(`O:${USER_SID}G:${USER_SID}D:(A;;FA;;;${USER_SID})(A;;FA;;;SY)`, 'policy.json');
    expect(!verdict.trusted && verdict.reason).toContain(`owned by ${USER_SID}`);
  });

  it('refuses a folder ordinary users may add files to (a folder made under ProgramData by hand)', () => {
    const verdict = checkSecurityDescriptor(PLAIN_PROGRAMDATA_FOLDER, 'C:\\ProgramData\\Relais');
    expect(!verdict.trusted && verdict.reason).toContain('may be changed by Users (BU)');
  });

  it.each([
    ['Everyone full control', '(A;;FA;;;WD)'],
    ['Authenticated Users modify', '(A;;0x1301bf;;;AU)'],
    ['Users generic write', '(A;;GW;;;BU)'],
    ['a user may change the ACL', `(A;;WD;;;${USER_SID})`],
    ['a user may take ownership', `(A;;WO;;;${USER_SID})`],
    ['a user may delete it', `(A;;SD;;;${USER_SID})`],
    ['Users may append', '(A;;0x4;;;BU)'],
    ['an object ACE (DC: write data)', '(OA;;DC;;;BU)'],
  ])('refuses an allow entry that lets someone else change it: %s', (_name, ace) => {
    expect(checkSecurityDescriptor(`O:BAD:P(A;;FA;;;SY)${ace}`, 'policy.json').trusted).toBe(false);
  });

  it('ignores entries that take rights away or do not apply to the object itself', () => {
    const deny = `O:BAD:P(A;;FA;;;BA)(D;;FA;;;WD)(A;;FRFX;;;BU)`;
    expect(checkSecurityDescriptor(deny, 'policy.json')).toEqual({ trusted: true });
    const inheritOnly = `O:BAD:P(A;;FA;;;BA)(A;OICIIO;GA;;;BU)(A;OICIIO;GA;;;CO)`;
    expect(checkSecurityDescriptor(inheritOnly, 'the folder')).toEqual({ trusted: true });
    // Audit entries live in the SACL and change nothing.
    expect(checkSecurityDescriptor(`${MSI_FILE}S:AI(AU;SAFA;FA;;;WD)`, 'policy.json')).toEqual({ trusted: true });
  });

  it('refuses a missing or null access list', () => {
    expect(checkSecurityDescriptor('O:BAG:SY', 'policy.json')).toEqual({
      trusted: false,
      reason: 'policy.json has no access list: everyone may change it',
    });
    expect(checkSecurityDescriptor('O:BAD:NO_ACCESS_CONTROL', 'policy.json').trusted).toBe(false);
  });

  it('refuses what it cannot read rather than guessing', () => {
    for (const sddl of ['', 'garbage', 'O:BAD:(A;;FA;;;SY', 'O:BAD:(A;;FA)', 'O:BAD:P(A;;ZZ;;;BU)', 'D:P(A;;FA;;;SY)']) {
      const verdict = checkSecurityDescriptor(sddl, 'policy.json');
      expect(verdict.trusted, sddl).toBe(false);
    }
  });

  it('reads rights written as codes, hexadecimal or decimal', () => {
    expect(accessMask('FA')).toBe(0x1f01ff);
    expect(accessMask('0x1200A9')).toBe(0x1200a9);
    expect(accessMask('1179817')).toBe(0x1200a9);
    expect(accessMask('GRGX')).toBe(0xa0000000);
    expect(() => accessMask('F')).toThrow(/unknown access rights/);
  });

  it('parses owner and access list of a full descriptor', () => {
    expect(parseSddl(MSI_FOLDER)).toEqual({
      owner: 'BA',
      dacl: {
        protectedOrAutoFlags: 'PAI',
        aces: [
          { type: 'A', flags: 'OICI', rights: 'FA', sid: 'SY' },
          { type: 'A', flags: 'OICI', rights: 'FA', sid: 'BA' },
          { type: 'A', flags: 'OICI', rights: '0x1200a9', sid: 'BU' },
        ],
      },
    });
  });
});
