// Named moments of start-up (performance marks `relais:<step>`), so where the time to the room list
// goes can be read from the page: bench:chat prints them beside its warm-start figure, and they show
// in the browser's performance panel. A mark costs microseconds; nothing is sent anywhere.
export type StartupStep =
  | 'boot'
  | 'settings-read'
  | 'rendered'
  | 'restore'
  | 'credentials'
  | 'store-key'
  | 'local-db'
  | 'cache-read'
  | 'cached-list'
  | 'session';

export function markStartup(step: StartupStep): void {
  performance.mark(`relais:${step}`);
}
