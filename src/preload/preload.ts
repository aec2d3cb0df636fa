// The sandboxed preload: exposes exactly one object, generated from the IPC contract.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from '../shared/ipc/bridge.ts';
import { BRIDGE_GLOBAL } from '../shared/ipc/channels.ts';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createPreloadApi(
    (channel, request) => ipcRenderer.invoke(channel, request),
    (channel, listener) => {
      // The renderer never sees the IpcRendererEvent (it holds the sender): only the payload.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.removeListener(channel, wrapped);
    },
  ),
);
