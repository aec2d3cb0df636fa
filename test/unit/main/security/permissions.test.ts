import { describe, expect, it } from 'vitest';
import { parseOrigin } from '../../../../src/main/security/origins.ts';
import { isPermissionAllowed, type PermissionQuery } from '../../../../src/main/security/permissions.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../../src/shared/appScheme.ts';

const appOrigins = [parseOrigin(APP_ORIGIN)];
const APP = APP_ENTRY_URL;

describe('isPermissionAllowed', () => {
  it.each<[string, PermissionQuery]>([
    ['microphone', { permission: 'media', requestingUrl: APP, mediaTypes: ['audio'] }],
    ['camera', { permission: 'media', requestingUrl: APP, mediaTypes: ['video'] }],
    ['camera and microphone', { permission: 'media', requestingUrl: APP, mediaTypes: ['audio', 'video'] }],
    ['media check without types', { permission: 'media', requestingUrl: APP, mediaTypes: [] }],
    ['media check, types omitted', { permission: 'media', requestingUrl: APP }],
    ['screen sharing', { permission: 'display-capture', requestingUrl: APP }],
    ['notifications', { permission: 'notifications', requestingUrl: APP }],
    ['notifications from a deep app URL', { permission: 'notifications', requestingUrl: 'relais://app/room/!abc?x=1' }],
  ])('allows %s for relais://app', (_label, query) => {
    expect(isPermissionAllowed(query, appOrigins)).toBe(true);
  });

  it.each([
    'geolocation',
    'midi',
    'midiSysex',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'hid',
    'usb',
    'serial',
    'bluetooth',
    'fileSystem',
    'idle-detection',
    'window-management',
    'storage-access',
    'unknown',
    '',
    'Notifications',
    'MEDIA',
    'display-capture ',
  ])('denies %j even to the app', (permission) => {
    expect(isPermissionAllowed({ permission, requestingUrl: APP, mediaTypes: ['audio'] }, appOrigins)).toBe(false);
  });

  it.each<[string, readonly string[]]>([
    ['unknown type', ['unknown']],
    ['audio and unknown', ['audio', 'unknown']],
    ['screen as a media type', ['screen']],
    ['upper-case', ['AUDIO']],
  ])('denies media with %s', (_label, mediaTypes) => {
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: APP, mediaTypes }, appOrigins)).toBe(false);
  });

  const strangers = [
    undefined,
    '',
    'https://evil.example/',
    'https://app/index.html',
    'relais://evil/index.html',
    'relais://app@evil/',
    'relais://user@app/',
    'file:///index.html',
    'about:blank',
    'data:text/html,x',
    'not a url',
  ];
  const allowedForApp: PermissionQuery[] = [
    { permission: 'media', requestingUrl: undefined, mediaTypes: ['audio', 'video'] },
    { permission: 'media', requestingUrl: undefined, mediaTypes: [] },
    { permission: 'display-capture', requestingUrl: undefined },
    { permission: 'notifications', requestingUrl: undefined },
  ];

  it.each(strangers)('denies every permission to %j', (requestingUrl) => {
    for (const query of allowedForApp) {
      expect(isPermissionAllowed({ ...query, requestingUrl }, appOrigins), query.permission).toBe(false);
    }
  });

  it('denies everything when no app origin is configured', () => {
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: APP }, [])).toBe(false);
  });
});
