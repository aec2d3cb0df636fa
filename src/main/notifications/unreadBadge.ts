// The OS badge for rooms needing attention. Electron's calls are injected, so the decisions are unit
// tested without it: app.setBadgeCount (the macOS dock, Unity-compatible Linux launchers; Windows
// has no badge count) and, on Windows, the taskbar overlay icon, whose description is what screen
// readers say for it.
import { deflateSync, crc32 } from 'node:zlib';

export interface BadgeTarget {
  platform: NodeJS.Platform;
  /** app.setBadgeCount: false where the desktop has no badge. */
  setBadgeCount(count: number): boolean;
  /** BrowserWindow.setOverlayIcon on the main window (Windows); null clears it. Absent without a window. */
  setOverlayIcon?: ((overlay: 'dot' | null, description: string) => void) | undefined;
}

export interface UnreadBadge {
  /** Applies the count (already validated by the IPC contract: an integer 0..9999). */
  apply(count: number, description: string): boolean;
}

export function createUnreadBadge(target: BadgeTarget): UnreadBadge {
  let shown: { count: number; description: string } | null = null;
  return {
    apply(count, description) {
      // The renderer sends on every list change; the OS is only told when something changed.
      if (shown && shown.count === count && shown.description === description) return true;
      if (!Number.isInteger(count) || count < 0 || count > 9999) return false;
      shown = { count, description };
      const badged = target.setBadgeCount(count);
      if (target.platform !== 'win32' || !target.setOverlayIcon) return badged;
      // Windows shows no number on the taskbar button: a dot says "something waits", and its
      // description carries the count for screen readers.
      target.setOverlayIcon(count > 0 ? 'dot' : null, count > 0 ? description : '');
      return true;
    },
  };
}

/**
 * The overlay: a filled circle on a transparent square, as an RGBA PNG (Windows draws overlays at
 * 16×16 px; a larger image is scaled down cleanly). Made here rather than shipped, so packaging has
 * no extra file to carry. Red with a white ring, readable on light and dark taskbars.
 */
export function overlayDotPng(size = 32): Buffer {
  const centre = (size - 1) / 2;
  const outer = size / 2;
  const ring = outer - Math.max(1, size / 16);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none), then RGBA pixels
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      const pixel = distance > outer ? [0, 0, 0, 0] : distance > ring ? [255, 255, 255, 255] : [0xd5, 0x1f, 0x28, 255];
      row.set(pixel, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
