// Instruments a page (init script, no hook in the app) to test what a call's keys can open:
// - every key the app hands its media worker is recorded (window.__callKeys), while
//   window.__recordKeys is true;
// - once window.__eavesdrop is true, the receivers the app creates get this file's own transform
//   instead of the app's: it passes every frame to the decoder as the SFU forwarded it (what anyone
//   without the keys would decode) and tries on each the keys the test gives it
//   (window.__tryKeys(keys), which also restarts the counts), counting what opened
//   (window.__eavesdropCounts()). Its decryption is the format's (HKDF key, AES-GCM, IV and key index
//   in the trailer), written again here so a bug in the app's cannot hide itself.
import type { Page } from '@playwright/test';

export interface RecordedKey {
  participant: string;
  index: number;
  /** The raw key, as bytes. */
  raw: number[];
}

export interface EavesdropCounts {
  /** Frames that opened with a key given by the test, by key index in the frame. */
  opened: Record<string, number>;
  /** Frames none of the keys opened, by key index in the frame. */
  closed: Record<string, number>;
}

const WORKER_SOURCE = `
let keys = [];
const counts = { opened: {}, closed: {} };
const SALT = new TextEncoder().encode('LKFrameEncryptionKey');
async function derive(raw) {
  const material = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', salt: SALT, hash: 'SHA-256', info: new Uint8Array(128) }, material,
    { name: 'AES-GCM', length: 128 }, false, ['decrypt']);
}
onmessage = async ({ data }) => {
  if (data.type === 'keys') {
    counts.opened = {};
    counts.closed = {};
  }
  if (data.type === 'keys') keys = await Promise.all(data.keys.map(async (k) => ({ index: k.index, key: await derive(k.raw) })));
  if (data.type === 'counts') postMessage({ type: 'counts', counts });
};
async function tryOpen(frame, kind) {
  const data = new Uint8Array(frame.data);
  if (data.length < 40 || data[data.length - 2] !== 12) return;
  const index = data[data.length - 1];
  const header = kind === 'audio' ? 1 : frame.type === 'key' ? 10 : 3;
  const iv = data.subarray(data.length - 14, data.length - 2);
  for (const k of keys) {
    try {
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: data.subarray(0, header) }, k.key,
        data.subarray(header, data.length - 14));
      counts.opened[index] = (counts.opened[index] ?? 0) + 1;
      return;
    } catch {}
  }
  counts.closed[index] = (counts.closed[index] ?? 0) + 1;
}
onrtctransform = ({ transformer }) => {
  const { kind } = transformer.options;
  transformer.readable.pipeThrough(new TransformStream({
    async transform(frame, controller) {
      if (kind === 'video') await tryOpen(frame, kind);
      controller.enqueue(frame);
    },
  })).pipeTo(transformer.writable);
};
`;

export const EAVESDROP = `(() => {
  const keys = [];
  window.__recordKeys = true;
  window.__eavesdrop = false;
  Object.defineProperty(window, '__callKeys', { value: keys });
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (window.__recordKeys && message && message.type === 'set-key')
      keys.push({ participant: message.participant, index: message.index, raw: [...message.raw] });
    return post.call(this, message, ...rest);
  };
  let spy = null;
  const spyWorker = () => {
    spy ??= new Worker(URL.createObjectURL(new Blob([${JSON.stringify(WORKER_SOURCE)}], { type: 'text/javascript' })));
    return spy;
  };
  window.__tryKeys = (given) => spyWorker().postMessage({ type: 'keys', keys: given });
  window.__eavesdropCounts = () => new Promise((resolve) => {
    spyWorker().onmessage = ({ data }) => resolve(data.counts);
    spyWorker().postMessage({ type: 'counts' });
  });
  const Native = window.RTCRtpScriptTransform;
  window.RTCRtpScriptTransform = function (worker, options) {
    if (window.__eavesdrop && options && options.operation === 'decrypt') return new Native(spyWorker(), options);
    return new Native(worker, options);
  };
})();`;

type Instrumented = {
  __callKeys: RecordedKey[];
  __recordKeys: boolean;
  __eavesdrop: boolean;
  __tryKeys(keys: RecordedKey[]): void;
  __eavesdropCounts(): Promise<EavesdropCounts>;
};

export async function recordedKeys(page: Page): Promise<RecordedKey[]> {
  return page.evaluate(() => [...(globalThis as unknown as Instrumented).__callKeys]);
}

export async function setInstrumentation(page: Page, flags: { recordKeys: boolean; eavesdrop: boolean }): Promise<void> {
  await page.evaluate((f) => {
    const w = globalThis as unknown as Instrumented;
    w.__recordKeys = f.recordKeys;
    w.__eavesdrop = f.eavesdrop;
  }, flags);
}

export async function tryKeys(page: Page, keys: RecordedKey[]): Promise<void> {
  await page.evaluate((k) => (globalThis as unknown as Instrumented).__tryKeys(k), keys);
}

export async function eavesdropCounts(page: Page): Promise<EavesdropCounts> {
  return page.evaluate(() => (globalThis as unknown as Instrumented).__eavesdropCounts());
}
