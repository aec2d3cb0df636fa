// Whether a call's media is encrypted, from the calls.mediaEncryption setting and what this device
// can do. "required" never falls back to clear media: a device without encoded transforms does not
// join (the user is told why) rather than send what the SFU could read.

export type MediaEncryptionSetting = 'required' | 'preferred' | 'off';

export function mediaEncryptionFor(setting: MediaEncryptionSetting, supported: boolean): boolean | 'unsupported' {
  if (setting === 'off') return false;
  if (supported) return true;
  return setting === 'required' ? 'unsupported' : false;
}
