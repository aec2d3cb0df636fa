// The one IPC contract: for each method, the schema of its request and of its response.
// Main validates requests against it; the renderer's types are inferred from it.
import { z } from 'zod';
import { managedSettingsSchema } from '../policy/managedSettings.ts';
import { userSettingsChangeSchema, userSettingsViewSchema } from '../settings/userSettings.ts';
import { logRecordSchema } from '../log/record.ts';
import type { IpcMethod } from './channels.ts';

const secretKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/i, 'secret keys are short identifiers');

const keychainStatus = z.object({
  backend: z.enum(['secret-service', 'keychain', 'windows-credential-manager', 'none']),
  persistent: z.boolean(),
  /** Why secrets are not in a keychain, so the UI can tell the user what to do. */
  problem: z.enum(['no-keychain', 'keychain-unavailable', 'keychain-locked']).nullable(),
});

export const ipcContract = {
  getAppInfo: {
    request: z.undefined(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.enum(['linux', 'win32', 'darwin', 'other']),
      locale: z.string(),
      preferredLanguages: z.array(z.string()),
    }),
  },
  openExternal: {
    request: z.object({ url: z.string().max(8192) }),
    response: z.object({ opened: z.boolean() }),
  },
  getSecret: {
    request: z.object({ key: secretKey }),
    response: z.object({ value: z.string().nullable() }),
  },
  setSecret: {
    request: z.object({ key: secretKey, value: z.string().max(16_384) }),
    response: z.object({ stored: z.enum(['keychain', 'memory']) }),
  },
  deleteSecret: {
    request: z.object({ key: secretKey }),
    response: z.object({ deleted: z.boolean() }),
  },
  getKeychainStatus: {
    request: z.undefined(),
    response: keychainStatus,
  },
  retryKeychain: {
    request: z.undefined(),
    response: keychainStatus,
  },
  /** Machine policy as it applies: every setting's value, the locked ones, the mode, the egress rules. */
  getManagedSettings: {
    request: z.undefined(),
    response: managedSettingsSchema,
  },
  /**
   * Sign-out: main clears the HTTP cache and every storage of the app's session (cookies, IndexedDB,
   * local storage, caches, service workers), so no decrypted media or keys stay on disk.
   */
  clearSessionData: {
    request: z.undefined(),
    response: z.object({ cleared: z.literal(true) }),
  },
  joinTeamsMeeting: {
    request: z.object({ link: z.string().min(1).max(65_536), action: z.enum(['gateway', 'isolated', 'browser']) }),
    response: z.object({ opened: z.literal(true) }),
  },
  showNotification: {
    request: z.object({ title: z.string().min(1).max(256), body: z.string().max(1024), tag: z.string().max(256).optional() }),
    response: z.object({ shown: z.boolean() }),
  },
  // User settings in the profile (policy branch). Main refuses a change to a setting machine policy
  // locks with 'not-allowed', and an invalid value with 'invalid-arguments'.
  getUserSettings: {
    request: z.undefined(),
    response: userSettingsViewSchema,
  },
  setUserSettings: {
    request: userSettingsChangeSchema,
    response: userSettingsViewSchema,
  },
  /** Screens and windows the user may share (Electron has no picker of its own). */
  listScreenSources: {
    request: z.undefined(),
    response: z.object({
      sources: z
        .array(
          z.object({
            id: z.string().max(256),
            name: z.string().max(256),
            kind: z.enum(['screen', 'window']),
            thumbnail: z.string().startsWith('data:image/').max(200_000).nullable(),
          }),
        )
        .max(200),
    }),
  },
  /** The user's pick in our picker, for the getDisplayMedia call that follows; null cancels. */
  chooseScreenSource: {
    request: z.object({ id: z.string().min(1).max(256).nullable() }),
    response: z.object({ chosen: z.boolean() }),
  },
  /**
   * The renderer's log records, in batches, for main's log file. Main redacts them again, marks them
   * as the renderer's and drops what exceeds its rate limit (`dropped`).
   */
  writeLogs: {
    request: z.object({ records: z.array(logRecordSchema).min(1).max(100) }),
    response: z.object({ accepted: z.number().int().min(0), dropped: z.number().int().min(0) }),
  },
  /** Settings → Export diagnostics: main builds the file and asks where to save it; false if cancelled. */
  exportDiagnostics: {
    request: z.object({ dialogTitle: z.string().min(1).max(200) }),
    response: z.object({ saved: z.boolean() }),
  },
  /**
   * The OS badge: the number of rooms needing attention (0 clears it), and the sentence screen
   * readers give the Windows taskbar overlay, in the interface language. Main applies it with
   * app.setBadgeCount and, on Windows, the window's overlay icon.
   */
  setUnreadBadge: {
    request: z.object({ count: z.number().int().min(0).max(9999), description: z.string().max(200) }),
    response: z.object({ applied: z.boolean() }),
  },
} satisfies Record<IpcMethod, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcRequest<M extends IpcMethod> = z.input<IpcContract[M]['request']>;
export type IpcResponse<M extends IpcMethod> = z.output<IpcContract[M]['response']>;

/** What the preload exposes to the renderer: one async function per method. */
export type RelaisBridge = {
  [M in IpcMethod]: IpcRequest<M> extends undefined
    ? () => Promise<IpcResponse<M>>
    : (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
};
