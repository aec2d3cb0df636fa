// Reads a file's owner and access list on Windows, as SDDL text, in-process. Node exposes neither
// (fs.stat's uid and mode carry no owner or permission on Windows), and spawning icacls or
// PowerShell is slow at start-up and often blocked by AppLocker on managed laptops. So the two
// Win32 calls are made through koffi, a maintained foreign-function interface that ships its
// prebuilt binaries inside its npm packages (nothing compiled or downloaded at install):
//   GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER|DACL) -> security descriptor (LocalAlloc'd)
//   ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor) -> SDDL text (LocalAlloc'd)
// Everything that decides trust is in windowsSecurityDescriptor.ts, a pure parser tested on Linux.
//
// This module cannot run on the Linux development machines (no advapi32): it is loaded only on
// Windows, and when it cannot load or a call fails the policy file is not trusted, with the reason
// shown by `relais --print-policy`; the Group Policy registry key keeps working either way.
import { createRequire } from 'node:module';

export type SecurityDescriptorReader = (path: string) => string;

// winnt.h / accctrl.h / sddl.h constants.
const SE_FILE_OBJECT = 1;
const OWNER_SECURITY_INFORMATION = 0x1;
const DACL_SECURITY_INFORMATION = 0x4;
const SDDL_REVISION_1 = 1;
const ERROR_SUCCESS = 0;

type NativePointer = unknown;
type GetNamedSecurityInfo = (
  name: string,
  objectType: number,
  information: number,
  owner: null,
  group: null,
  dacl: null,
  sacl: null,
  descriptor: [NativePointer],
) => number;
type ConvertToString = (
  descriptor: NativePointer,
  revision: number,
  information: number,
  text: [string | null],
  length: null,
) => boolean;
type LocalFree = (memory: NativePointer) => NativePointer;

interface KoffiLibrary {
  func(declaration: string): unknown;
}
interface KoffiModule {
  load(path: string): KoffiLibrary;
  disposable(name: string, type: string, dispose: (pointer: NativePointer) => void): unknown;
}

let reader: SecurityDescriptorReader | null = null;

/** Loads the Win32 bindings once; throws when koffi or the system libraries cannot be loaded. */
export function windowsSecurityDescriptorReader(): SecurityDescriptorReader {
  if (reader) return reader;
  const koffi = createRequire(import.meta.url)('koffi') as KoffiModule;
  const kernel32 = koffi.load('kernel32.dll');
  const advapi32 = koffi.load('advapi32.dll');
  const localFree = kernel32.func('void * __stdcall LocalFree(void *memory)') as LocalFree;
  // The SDDL string is LocalAlloc'd by Windows: koffi converts it, then this frees it.
  koffi.disposable('RelaisLocalString16', 'str16', (pointer) => void localFree(pointer));
  const getNamedSecurityInfo = advapi32.func(
    'uint32_t __stdcall GetNamedSecurityInfoW(str16 name, int type, uint32_t info, _Out_ void **owner, _Out_ void **group, _Out_ void **dacl, _Out_ void **sacl, _Out_ void **descriptor)',
  ) as GetNamedSecurityInfo;
  const convertToString = advapi32.func(
    'bool __stdcall ConvertSecurityDescriptorToStringSecurityDescriptorW(void *descriptor, uint32_t revision, uint32_t info, _Out_ RelaisLocalString16 *text, _Out_ uint32_t *length)',
  ) as ConvertToString;
  const information = OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION;
  reader = (path) => {
    const descriptor: [NativePointer] = [null];
    const status = getNamedSecurityInfo(path, SE_FILE_OBJECT, information, null, null, null, null, descriptor);
    if (status !== ERROR_SUCCESS) throw new Error(`Windows could not read its permissions (error ${status})`);
    try {
      const text: [string | null] = [null];
      if (!convertToString(descriptor[0], SDDL_REVISION_1, information, text, null) || text[0] === null)
        throw new Error('Windows could not describe its permissions');
      return text[0];
    } finally {
      localFree(descriptor[0]);
    }
  };
  return reader;
}
