// Binds the router to ipcMain: one `handle` per contract channel, sender frame URL passed for checking.
import type { IpcMain } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc/channels.ts';
import type { Dispatch } from './router.ts';

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): () => void {
  const channels = Object.values(IPC_CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, request: unknown) => {
      // senderFrame is null once the frame navigated away or was destroyed: treat as untrusted.
      const frame = event.senderFrame;
      const senderUrl = frame && frame === frame.top ? frame.url : undefined;
      return dispatch(channel, senderUrl, request);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
