// jsdom has <dialog> but not showModal()/close() (jsdom issue #3294): enough of them for components
// that open one (ui/Dialog.tsx), so a test can reach the dialog's content by role. Focus trapping and
// the inert background are the browser's and are checked by the E2E tests in Chromium.
export function installDialogPolyfill(): void {
  const proto: Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>> & { open?: boolean } = HTMLDialogElement.prototype;
  if (typeof proto.showModal === 'function') return;
  Object.defineProperty(HTMLDialogElement.prototype, 'showModal', {
    configurable: true,
    value(this: HTMLDialogElement) {
      this.open = true;
    },
  });
  Object.defineProperty(HTMLDialogElement.prototype, 'close', {
    configurable: true,
    value(this: HTMLDialogElement) {
      if (!this.open) return;
      this.open = false;
      this.dispatchEvent(new Event('close'));
    },
  });
}
