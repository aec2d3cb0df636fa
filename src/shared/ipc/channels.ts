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
  showNotification: 'notifications:show',
} as const;

export type IpcMethod = keyof typeof IPC_CHANNELS;
export type IpcChannel = (typeof IPC_CHANNELS)[IpcMethod];

/** The name of the single object the preload puts on `window`. */
export const BRIDGE_GLOBAL = 'relais';
