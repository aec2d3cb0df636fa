// The OS may deliver the same msteams: link several times in a row (double clicks, a browser that
// retries the hand-off, a second instance started while the first opens it): act on it once.
export function createRepeatFilter(windowMs: number, now: () => number = Date.now): (key: string) => boolean {
  const lastSeen = new Map<string, number>();
  return (key) => {
    const t = now();
    for (const [k, seen] of lastSeen) if (t - seen >= windowMs) lastSeen.delete(k);
    if (lastSeen.has(key)) return false;
    lastSeen.set(key, t);
    return true;
  };
}
