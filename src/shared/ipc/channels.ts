// Channel names only, with no schema library, so the sandboxed preload bundle stays tiny.
// contract.ts holds the schemas and is checked against this list by the type system.
export const IPC_CHANNELS = {
  getAppInfo: 'app:get-info',
  openExternal: 'shell:open-external',
  getSecret: 'secrets:get',
  setSecret: 'secrets:set',
  deleteSecret: 'secrets:delete',
  getKeychainStatus: 'secrets:status',
  retryKeychain: 'secrets:retry',
  getManagedSettings: 'policy:get-settings',
  joinTeamsMeeting: 'teams:join',
  showNotification: 'notifications:show',
  // User settings in the profile (policy branch).
  getUserSettings: 'settings:get',
  setUserSettings: 'settings:set',
  listScreenSources: 'calls:list-screen-sources',
  chooseScreenSource: 'calls:choose-screen-source',
  clearSessionData: 'session:clear-data',
  // Logging: the renderer's records to main's log file; Settings → Export diagnostics.
  writeLogs: 'log:write',
  exportDiagnostics: 'diagnostics:export',
  // The number of rooms needing attention, for the OS badge (dock, taskbar overlay).
  setUnreadBadge: 'app:set-unread-badge',
} as const;

export type IpcMethod = keyof typeof IPC_CHANNELS;
export type IpcChannel = (typeof IPC_CHANNELS)[IpcMethod];

/** The name of the single object the preload puts on `window`. */
export const BRIDGE_GLOBAL = 'relais';

/** Main → renderer notifications. Payloads are validated by the renderer before use. */
export const IPC_EVENTS = {
  /** A Teams meeting link the OS handed to Relais (msteams: scheme, second instance). */
  teamsLinkOpened: 'teams:link-opened',
  /** The system's network state as main sees it (Electron `net.isOnline()`), on change. */
  networkChanged: 'network:changed',
} as const;
export type IpcEvent = (typeof IPC_EVENTS)[keyof typeof IPC_EVENTS];
