// Files handed to the page as a person would: pasted into a composer (a picture copied from another
// app) or dragged onto a drop target and dropped. The E2E files compile without the DOM library.
import type { Locator } from '@playwright/test';

interface PageDom {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
  atob(data: string): string;
}

/** Pastes files into a composer's text box. */
export async function pasteFiles(box: Locator, files: { name: string; type: string; base64: string }[]): Promise<void> {
  await box.evaluate((element, list) => {
    const dom = globalThis as unknown as PageDom;
    const data = new dom.DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(dom.atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new dom.File([bytes], f.name, { type: f.type }));
    }
    const paste = new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    (element as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(paste);
  }, files);
}

/** Drags files onto `target` and drops them; `check` runs while they are over it. */
export async function dropFiles(
  target: Locator,
  files: { name: string; type: string; text: string }[],
  check: () => Promise<void>,
): Promise<void> {
  const transfer = await target.page().evaluateHandle((list) => {
    const dom = globalThis as unknown as PageDom;
    const data = new dom.DataTransfer();
    for (const f of list) data.items.add(new dom.File([f.text], f.name, { type: f.type }));
    return data;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await check();
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}
