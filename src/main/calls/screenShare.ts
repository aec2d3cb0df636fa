// Screen sharing in Electron: Chromium's getDisplayMedia has no picker inside Electron, so the
// main process answers it (session.setDisplayMediaRequestHandler) with a source the user chose in
// our own picker. The renderer lists the sources, the user picks one, the renderer records that
// choice, then calls getDisplayMedia; the handler hands over exactly that source, once, shortly
// after. Without a fresh choice from the app's own page the request is refused: nothing is
// captured that the user did not just pick. Pure over injected capturer and clock.

export interface CapturerSource {
  id: string;
  name: string;
  thumbnail: { toDataURL(): string; isEmpty(): boolean };
}

export interface ScreenSourceInfo {
  id: string;
  name: string;
  kind: 'screen' | 'window';
  /** PNG data URL of a small preview, or null when the OS gave none. */
  thumbnail: string | null;
}

export interface ScreenShareDeps {
  getSources(): Promise<CapturerSource[]>;
  isAppUrl(url: string): boolean;
  now(): number;
  log(message: string): void;
}

/** What the display-media callback receives: a source to capture, or nothing (refused). */
export interface DisplayMediaAnswer<S> {
  video?: S;
}

/** A choice is only good for the getDisplayMedia call that follows it. */
export const CHOICE_TTL_MS = 30_000;
/** Bounds the IPC payload: previews are small pictures, not screenshots. */
export const MAX_THUMBNAIL_CHARS = 200_000;

export interface ScreenSharePicker {
  list(): Promise<ScreenSourceInfo[]>;
  choose(id: string | null): { chosen: boolean };
  answer<S extends CapturerSource>(requestingUrl: string, sources: () => Promise<S[]>): Promise<DisplayMediaAnswer<S>>;
}

export function createScreenSharePicker(deps: ScreenShareDeps): ScreenSharePicker {
  let offered = new Set<string>();
  let choice: { id: string; at: number } | null = null;
  return {
    async list() {
      const sources = await deps.getSources();
      offered = new Set(sources.map((s) => s.id));
      return sources.map((s) => {
        const data = s.thumbnail.isEmpty() ? null : s.thumbnail.toDataURL();
        return {
          id: s.id,
          name: s.name.slice(0, 256),
          kind: s.id.startsWith('screen:') ? 'screen' : 'window',
          thumbnail: data !== null && data.length <= MAX_THUMBNAIL_CHARS ? data : null,
        };
      });
    },
    choose(id) {
      // Only an id we just offered: the renderer cannot name arbitrary windows.
      choice = id !== null && offered.has(id) ? { id, at: deps.now() } : null;
      return { chosen: choice !== null };
    },
    async answer(requestingUrl, sources) {
      const pending = choice;
      choice = null;
      if (!deps.isAppUrl(requestingUrl)) {
        deps.log('screen share: refused a request from outside the app');
        return {};
      }
      if (pending === null || deps.now() - pending.at > CHOICE_TTL_MS) {
        deps.log('screen share: refused, no source chosen in the picker');
        return {};
      }
      const source = (await sources()).find((s) => s.id === pending.id);
      if (!source) deps.log('screen share: the chosen source is gone');
      return source ? { video: source } : {};
    },
  };
}
