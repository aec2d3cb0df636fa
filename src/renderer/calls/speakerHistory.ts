// The last people who held the floor, most recent first. The SFU names one dominant speaker at a
// time; remembering the last few keeps their video (and, in a large call, their audio) when the
// floor moves back and forth, instead of pausing and resuming a stream at every turn of a dialogue.

/** Records a new dominant speaker (null: silence, which changes nothing). */
export function noteSpeaker(history: readonly string[], peerId: string | null, max: number): readonly string[] {
  if (peerId === null || history[0] === peerId) return history;
  return [peerId, ...history.filter((id) => id !== peerId)].slice(0, Math.max(0, max));
}

/** Keeps only the speakers still in the call. */
export function keepPresent(history: readonly string[], present: ReadonlySet<string>): readonly string[] {
  return history.every((id) => present.has(id)) ? history : history.filter((id) => present.has(id));
}
