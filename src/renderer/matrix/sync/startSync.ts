// Starts a client's sync: simplified sliding sync when the server offers it, classic /sync otherwise
// (or when the syncMode setting says so). The one call session.ts makes where it used to call
// `client.startClient`. The client arrives fully built, with whatever store its creator gave it (the
// encrypted offline cache's, on the desktop): nothing here creates or assumes one; sliding responses
// reach that cache through `onSlidingResponse`.
import type { MatrixClient } from 'matrix-js-sdk';
import { SlidingSyncEvent, SlidingSyncState, type MSC3575SlidingSyncResponse } from 'matrix-js-sdk/lib/sliding-sync.js';
import { applySlidingSyncFixups } from './slidingSyncFixups.ts';
import { rendererLogger } from '../../platform/log.ts';
import { stopSdkRtcSessions } from '../sdkRtcSessions.ts';
import { resendRoomSubscriptions } from './roomSubscriptions.ts';
import { createSlidingSync, OPEN_ROOM_SUBSCRIPTION, type SlidingSyncController } from './slidingSyncSetup.ts';
import { chooseSyncMode, slidingSyncSupport, type ServerSupport, type SyncChoice, type SyncModeSetting } from './syncMode.ts';
import { backfillUnreadAtStart } from './unreadAtStart.ts';
import { watchUnreadGaps } from './unreadGaps.ts';

/** Its lines are `[relais:sync] …` in the console, where the E2E specs read the sync mode chosen. */
const syncLog = rendererLogger('sync');

export interface StartSyncOptions {
  /** The syncMode setting (machine policy or user); `auto` when nothing sets it. */
  setting?: SyncModeSetting;
  log?: (message: string) => void;
  /** Every sliding sync response once the client has processed it: the offline cache keeps them. */
  onSlidingResponse?: (response: MSC3575SlidingSyncResponse) => void;
}

/** Classic sync as Relais always ran it: a small timeline per room, members loaded when needed. */
export const CLASSIC_SYNC_OPTIONS = { initialSyncLimit: 20, lazyLoadMembers: true } as const;

// The UI finds a client's sliding sync controller here, so the Session type (shared with the offline
// work) needs no new field; a WeakMap lets a stopped client and its controller be collected.
const controllers = new WeakMap<MatrixClient, SlidingSyncController>();

/** The sliding sync controller of a client started with sliding sync; null under classic /sync. */
export function slidingSyncOf(client: MatrixClient): SlidingSyncController | null {
  return controllers.get(client) ?? null;
}

export async function startSync(client: MatrixClient, options: StartSyncOptions = {}): Promise<SyncChoice> {
  const log = options.log ?? syncLog;
  const support = await serverSupport(client);
  const choice = chooseSyncMode(options.setting ?? 'auto', support);
  log(`using ${choice.mode} sync: ${choice.reason}`);
  if (choice.mode === 'classic') {
    const started = client.startClient(CLASSIC_SYNC_OPTIONS);
    stopSdkRtcSessions(client);
    await started;
    return choice;
  }
  const controller = createSlidingSync(client);
  controllers.set(client, controller);
  // Its listeners live as long as the client: a stopped session's client is dropped whole.
  applySlidingSyncFixups(client, controller.slidingSync);
  watchUnreadGaps(client, controller.slidingSync);
  // Its listener lives as long as the client, like the fixups above.
  backfillUnreadAtStart(client);
  resendRoomSubscriptions(client, controller.slidingSync, OPEN_ROOM_SUBSCRIPTION);
  const { onSlidingResponse } = options;
  if (onSlidingResponse) {
    controller.slidingSync.on(SlidingSyncEvent.Lifecycle, (state, response) => {
      if (state === SlidingSyncState.Complete && response) onSlidingResponse(response);
    });
  }
  const started = client.startClient({ ...CLASSIC_SYNC_OPTIONS, slidingSync: controller.slidingSync });
  stopSdkRtcSessions(client);
  await started;
  return choice;
}

async function serverSupport(client: MatrixClient): Promise<ServerSupport> {
  try {
    // Authenticated, so a server enabling the feature per user (Synapse's experimental features API)
    // answers for this user. The SDK caches the answer; startClient reuses it.
    return slidingSyncSupport(await client.getVersions());
  } catch (error) {
    syncLog.swallow('asking whether the homeserver offers sliding sync', 'info')(error);
    return 'unknown';
  }
}
