// Whether a Windows security descriptor lets only administrators change a machine-policy file or
// its folder. The descriptor arrives as SDDL, the text form Windows itself produces
// (ConvertSecurityDescriptorToStringSecurityDescriptorW), so everything that decides trust is this
// pure parser, tested here on Linux; the only Windows-specific part is how the text is obtained
// (windowsFileSecurity.ts).
//
// Trusted means:
// - the owner is SYSTEM, the Administrators group or TrustedInstaller (an owner may always rewrite
//   the ACL, so any other owner could make the file say anything);
// - there is a DACL (a missing one grants everyone everything);
// - no "allow" entry that applies to the object itself gives anyone else a right that changes it:
//   writing or appending data, extended attributes or attributes, deleting it or its children,
//   changing its ACL or owner, or the generic rights that include those. "Deny" entries only take
//   rights away; inherit-only entries do not apply to the object itself.
// CREATOR OWNER and OWNER RIGHTS stand for the owner, who is checked above.

export type SddlVerdict = { trusted: true } | { trusted: false; reason: string };

interface Ace {
  type: string;
  flags: string;
  rights: string;
  sid: string;
}

interface SecurityDescriptor {
  owner: string | null;
  dacl: { protectedOrAutoFlags: string; aces: Ace[] } | null;
}

// SDDL's two-letter aliases of well-known SIDs that may hold write rights (sddl.h).
const ADMIN_ALIASES = new Map<string, string>([
  ['SY', 'S-1-5-18'], // LocalSystem
  ['BA', 'S-1-5-32-544'], // BUILTIN\Administrators
]);
const TRUSTED_INSTALLER = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const OWNER_STAND_INS = new Set(['CO', 'S-1-3-0', 'OW', 'S-1-3-4']);

const TRUSTED_WRITERS = new Set<string>([...ADMIN_ALIASES.keys(), ...ADMIN_ALIASES.values(), TRUSTED_INSTALLER]);

// Access-mask bits that change a file or a folder's content, attributes, ACL or owner (winnt.h).
// For a folder FILE_WRITE_DATA is "add a file" and FILE_APPEND_DATA "add a subfolder".
const FILE_WRITE_DATA = 0x2;
const FILE_APPEND_DATA = 0x4;
const FILE_WRITE_EA = 0x10;
const FILE_DELETE_CHILD = 0x40;
const FILE_WRITE_ATTRIBUTES = 0x100;
const DELETE = 0x1_0000;
const WRITE_DAC = 0x4_0000;
const WRITE_OWNER = 0x8_0000;
const MAXIMUM_ALLOWED = 0x200_0000;
const GENERIC_ALL = 0x1000_0000;
const GENERIC_WRITE = 0x4000_0000;
const CHANGING_RIGHTS =
  FILE_WRITE_DATA |
  FILE_APPEND_DATA |
  FILE_WRITE_EA |
  FILE_DELETE_CHILD |
  FILE_WRITE_ATTRIBUTES |
  DELETE |
  WRITE_DAC |
  WRITE_OWNER |
  MAXIMUM_ALLOWED |
  GENERIC_ALL |
  GENERIC_WRITE;

// SDDL right codes as access-mask bits (sddl.h). The directory-service names (CC, DC, ...) are
// what Windows prints for the same low bits of a file's mask.
const RIGHT_CODES = new Map<string, number>([
  ['GA', GENERIC_ALL],
  ['GR', 0x8000_0000],
  ['GW', GENERIC_WRITE],
  ['GX', 0x2000_0000],
  ['RC', 0x2_0000],
  ['SD', DELETE],
  ['WD', WRITE_DAC],
  ['WO', WRITE_OWNER],
  ['RP', 0x10],
  ['WP', 0x20],
  ['CC', 0x1],
  ['DC', 0x2],
  ['LC', 0x4],
  ['SW', 0x8],
  ['LO', 0x80],
  ['DT', 0x40],
  ['CR', 0x100],
  ['FA', 0x1f_01ff],
  ['FR', 0x12_0089],
  ['FW', 0x12_0116],
  ['FX', 0x12_00a0],
  ['KA', 0xf_003f],
  ['KR', 0x2_0019],
  ['KW', 0x2_0006],
  ['KX', 0x2_0019],
]);

/** The access mask an ACE's rights field names; throws on a code it does not know. */
export function accessMask(rights: string): number {
  if (/^0x[0-9a-f]+$/i.test(rights)) return Number.parseInt(rights.slice(2), 16);
  if (/^[0-9]+$/.test(rights)) return Number.parseInt(rights, 10);
  if (rights.length % 2 !== 0) throw new Error(`unknown access rights "${rights}"`);
  let mask = 0;
  for (let i = 0; i < rights.length; i += 2) {
    const code = rights.slice(i, i + 2).toUpperCase();
    const bits = RIGHT_CODES.get(code);
    if (bits === undefined) throw new Error(`unknown access right "${code}" in "${rights}"`);
    mask |= bits;
  }
  return mask >>> 0;
}

function parseAces(text: string): Ace[] {
  if (text.replace(/\([^()]*\)/g, '') !== '') throw new Error(`malformed access list "${text}"`);
  return [...text.matchAll(/\(([^()]*)\)/g)].map((match) => {
    // type;flags;rights;object guid;inherit object guid;sid[;resource attribute]
    const fields = (match[1] ?? '').split(';');
    if (fields.length < 6) throw new Error(`malformed access entry "${match[0]}"`);
    return { type: fields[0] ?? '', flags: fields[1] ?? '', rights: fields[2] ?? '', sid: (fields[5] ?? '').toUpperCase() };
  });
}

/** Splits "O:..G:..D:..S:.." into its parts; the order is fixed by Windows, each part optional. */
export function parseSddl(sddl: string): SecurityDescriptor {
  const text = sddl.trim();
  const parts = new Map<string, string>();
  const sections = /([OGDS]):(.*?)(?=[OGDS]:|$)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < text.length && (match = sections.exec(text)) !== null) {
    parts.set(match[1] ?? '', match[2] ?? '');
    consumed = sections.lastIndex;
  }
  if (consumed !== text.length || text === '') throw new Error(`not a security descriptor: "${sddl}"`);
  const daclText = parts.get('D');
  let dacl: SecurityDescriptor['dacl'] = null;
  if (daclText !== undefined && daclText !== 'NO_ACCESS_CONTROL') {
    const firstAce = daclText.indexOf('(');
    const flags = firstAce === -1 ? daclText : daclText.slice(0, firstAce);
    const acesText = firstAce === -1 ? '' : daclText.slice(firstAce);
    dacl = { protectedOrAutoFlags: flags, aces: parseAces(acesText) };
  }
  return { owner: parts.has('O') ? (parts.get('O') ?? '').toUpperCase() : null, dacl };
}

function describeSid(sid: string): string {
  const names: Record<string, string> = {
    WD: 'Everyone',
    AU: 'Authenticated Users',
    BU: 'Users',
    IU: 'Interactive users',
    'S-1-1-0': 'Everyone',
    'S-1-5-11': 'Authenticated Users',
    'S-1-5-32-545': 'Users',
  };
  return names[sid] ? `${names[sid]} (${sid})` : sid;
}

/** The verdict for one object (the policy file, or a folder above it), given its SDDL. */
export function checkSecurityDescriptor(sddl: string, what: string): SddlVerdict {
  let descriptor: SecurityDescriptor;
  try {
    descriptor = parseSddl(sddl);
  } catch (error) {
    return {
      trusted: false,
      reason: `cannot read the permissions of ${what} (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (descriptor.owner === null) return { trusted: false, reason: `${what} has no owner in its security descriptor` };
  if (!TRUSTED_WRITERS.has(descriptor.owner))
    return { trusted: false, reason: `${what} is owned by ${describeSid(descriptor.owner)}, not Administrators or SYSTEM` };
  if (descriptor.dacl === null) return { trusted: false, reason: `${what} has no access list: everyone may change it` };
  for (const ace of descriptor.dacl.aces) {
    // A (allowed), OA (object allowed), XA/ZA (callback allowed); D/OD/XD deny and AU/AL audit/label.
    if (!['A', 'OA', 'XA', 'ZA'].includes(ace.type.toUpperCase())) continue;
    if (ace.flags.toUpperCase().includes('IO')) continue;
    if (TRUSTED_WRITERS.has(ace.sid) || OWNER_STAND_INS.has(ace.sid)) continue;
    let mask: number;
    try {
      mask = accessMask(ace.rights);
    } catch (error) {
      return {
        trusted: false,
        reason: `cannot read the permissions of ${what} (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    if ((mask & CHANGING_RIGHTS) !== 0)
      return {
        trusted: false,
        reason: `${what} may be changed by ${describeSid(ace.sid)} (rights ${ace.rights}); only Administrators and SYSTEM may`,
      };
  }
  return { trusted: true };
}
