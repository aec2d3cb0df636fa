// A Teams meeting in a window of its own: a fresh in-memory session partition (no cookies or storage
// shared with Relais or with earlier meetings), no preload and so no bridge, navigation kept on Teams
// and Microsoft sign-in hosts, and only camera, microphone and screen capture granted, to Teams only.
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session as electronSession } from 'electron';

const TEAMS_NAVIGATION_HOSTS = [
  'teams.microsoft.com',
  'teams.cloud.microsoft',
  'teams.live.com',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
  'teams.microsoftonline.cn',
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.live.com',
];
const MEDIA_PERMISSIONS = new Set(['media', 'display-capture']);

export function isTeamsNavigationHost(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && TEAMS_NAVIGATION_HOSTS.includes(parsed.hostname.toLowerCase());
  } catch {
    return false;
  }
}

export function isolatedPartitionName(): string {
  // No "persist:" prefix: the partition lives in memory and vanishes with the window.
  return `teams-isolated-${randomUUID()}`;
}

export function openIsolatedTeamsWindow(url: string, log: (message: string) => void): BrowserWindow {
  const partition = isolatedPartitionName();
  const ses = electronSession.fromPartition(partition, { cache: false });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(MEDIA_PERMISSIONS.has(permission) && isTeamsNavigationHost(details.requestingUrl));
  });
  ses.setPermissionCheckHandler(
    (_wc, permission, _origin, details) =>
      MEDIA_PERMISSIONS.has(permission) && isTeamsNavigationHost(details.requestingUrl ?? ''),
  );
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Microsoft Teams',
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  const keepOnTeams = (event: { preventDefault(): void }, target: string) => {
    if (isTeamsNavigationHost(target)) return;
    event.preventDefault();
    log('teams: isolated window refused to leave Teams');
  };
  window.webContents.on('will-navigate', keepOnTeams);
  window.webContents.on('will-redirect', keepOnTeams);
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.loadURL(url).catch(() => log('teams: the meeting page did not load'));
  return window;
}
