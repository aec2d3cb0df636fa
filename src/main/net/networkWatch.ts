// Tells the renderer when the operating system's network goes and comes back. Chromium's
// navigator.onLine lags on some Linux setups (NetworkManager without the right D-Bus access, VPN
// interfaces that stay up); the system's own view is one more signal for the connectivity state.
// Electron has no change event for it, so it is polled: a cheap, local call.
export interface NetworkWatchOptions {
  isOnline: () => boolean;
  send: (online: boolean) => void;
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function watchNetwork(options: NetworkWatchOptions): { announce(): void; stop(): void } {
  const every = options.setInterval ?? ((cb: () => void, ms: number) => setInterval(cb, ms));
  const cancel = options.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  let last = options.isOnline();
  const handle = every(() => {
    const now = options.isOnline();
    if (now === last) return;
    last = now;
    options.send(now);
  }, options.intervalMs ?? 3_000);
  return {
    /** Sends the current state, for a window that just (re)loaded. */
    announce: () => options.send(last),
    stop: () => cancel(handle),
  };
}
