// Sending and fetching files. Files in encrypted rooms are encrypted before upload; downloads use the
// authenticated media API (/_matrix/client/v1/media), so the token never appears in a URL.
import { MsgType, type MatrixClient } from 'matrix-js-sdk';
import { decryptAttachment, encryptAttachment, type EncryptedFileInfo } from './attachmentCrypto.ts';
import { authenticatedMediaUrl, mediaFetchInit } from './mediaUrl.ts';

/** Relais's own ceiling, whatever the server allows: large files belong in a file share. */
export const APP_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export class AttachmentTooLargeError extends Error {
  readonly fileName: string;
  readonly size: number;
  readonly limit: number;

  constructor(fileName: string, size: number, limit: number) {
    super(`${fileName} is ${size} bytes; the limit is ${limit}`);
    this.name = 'AttachmentTooLargeError';
    this.fileName = fileName;
    this.size = size;
    this.limit = limit;
  }
}

export function effectiveUploadLimit(serverLimit: number | undefined): number {
  return serverLimit && serverLimit > 0 ? Math.min(serverLimit, APP_MAX_UPLOAD_BYTES) : APP_MAX_UPLOAD_BYTES;
}

export function checkUploadSize(file: { name: string; size: number }, serverLimit: number | undefined): void {
  const limit = effectiveUploadLimit(serverLimit);
  if (file.size > limit) throw new AttachmentTooLargeError(file.name, file.size, limit);
}

/** The server's upload limit, or undefined when it cannot be asked (offline). */
export async function serverUploadLimit(client: MatrixClient): Promise<number | undefined> {
  const config: { 'm.upload.size'?: unknown } = await client.getMediaConfig().catch(() => ({}));
  const limit = config['m.upload.size'];
  return typeof limit === 'number' ? limit : undefined;
}

/** A caption sent with a file (Matrix 1.10): the message's body, the file's name in `filename`. */
export interface FileCaption {
  body: string;
  format?: 'org.matrix.custom.html';
  formatted_body?: string;
}

export interface UploadOptions {
  caption?: FileCaption | undefined;
  /** Aborts the upload (the "Cancel" of its pending row). */
  abortController?: AbortController | undefined;
  onProgress?: ((loaded: number, total: number) => void) | undefined;
}

/** Uploads a file (encrypted first in an encrypted room) and returns the message content naming it. */
export async function uploadFileContent(
  client: MatrixClient,
  blob: Blob,
  name: string,
  encrypted: boolean,
  options: UploadOptions = {},
): Promise<Record<string, unknown>> {
  const info = { mimetype: blob.type || 'application/octet-stream', size: blob.size };
  const transfer = {
    ...(options.abortController ? { abortController: options.abortController } : {}),
    ...(options.onProgress
      ? { progressHandler: ({ loaded, total }: { loaded: number; total: number }) => options.onProgress?.(loaded, total) }
      : {}),
  };
  let source: { url: string } | { file: EncryptedFileInfo & { url: string } };
  if (encrypted) {
    const { data, info: fileInfo } = await encryptAttachment(await blob.arrayBuffer());
    const { content_uri: url } = await client.uploadContent(new Blob([data]), {
      type: 'application/octet-stream',
      includeFilename: false,
      ...transfer,
    });
    source = { file: { ...fileInfo, url } };
  } else {
    const { content_uri: url } = await client.uploadContent(blob, { type: info.mimetype, name, ...transfer });
    source = { url };
  }
  const msgtype = info.mimetype.startsWith('image/') ? MsgType.Image : MsgType.File;
  // Without a caption the body is the name, as before Matrix 1.10; `filename` says it either way.
  return { msgtype, body: name, ...options.caption, filename: name, info, ...source };
}

/** Fetches (and decrypts) a media file; the caller owns the returned object URL. */
export async function fetchMediaObjectUrl(
  client: MatrixClient,
  mxcUrl: string,
  encryption: EncryptedFileInfo | null,
): Promise<string> {
  const url = authenticatedMediaUrl(client.getHomeserverUrl(), mxcUrl, { kind: 'download' });
  if (!url) throw new Error('Not a valid mxc:// URL');
  const response = await fetch(url, mediaFetchInit(client.getAccessToken()));
  if (!response.ok) throw new Error(`Media download failed (${response.status})`);
  const body = await response.arrayBuffer();
  const plain = encryption ? await decryptAttachment(body, encryption) : body;
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  return URL.createObjectURL(new Blob([plain], { type: encryption ? '' : type }));
}
