// The uploads under way, for the pending rows' progress bars and their Cancel button. The outbox's
// transport opens one per file it sends; an upload can be cancelled until the file is on the server
// and its event is being sent (then it is too late: the event may already have arrived).

export interface UploadProgress {
  loaded: number;
  total: number;
}

interface Upload {
  controller: AbortController;
  progress: UploadProgress;
  /** The file is uploaded and its event is on its way: no longer cancellable. */
  committed: boolean;
}

export class UploadTracker {
  private readonly uploads = new Map<string, Upload>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change, so views can subscribe with useSyncExternalStore. */
  version = 0;

  /** An upload starts; its controller aborts it. */
  begin(txnId: string, total: number): AbortController {
    const controller = new AbortController();
    this.uploads.set(txnId, { controller, progress: { loaded: 0, total }, committed: false });
    this.changed();
    return controller;
  }

  report(txnId: string, loaded: number, total: number): void {
    const upload = this.uploads.get(txnId);
    if (!upload || upload.committed) return;
    upload.progress = { loaded, total: total > 0 ? total : upload.progress.total };
    this.changed();
  }

  /** The file is uploaded; its event is being sent. */
  commit(txnId: string): void {
    const upload = this.uploads.get(txnId);
    if (!upload) return;
    upload.committed = true;
    this.changed();
  }

  end(txnId: string): void {
    if (this.uploads.delete(txnId)) this.changed();
  }

  /** How far the upload is, while it can still be cancelled; undefined otherwise. */
  progressOf(txnId: string): UploadProgress | undefined {
    const upload = this.uploads.get(txnId);
    return upload && !upload.committed ? upload.progress : undefined;
  }

  /** Aborts the upload; false when there is none or it is too late. */
  cancel(txnId: string): boolean {
    const upload = this.uploads.get(txnId);
    if (!upload || upload.committed) return false;
    upload.controller.abort();
    return true;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** The share done, 0 to 1, for a progress bar (0 while the size is unknown). */
export function uploadFraction(progress: UploadProgress): number {
  if (progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.loaded / progress.total));
}
