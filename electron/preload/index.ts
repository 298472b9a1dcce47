// Exposes one named function per contract channel and a progress subscription; nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';

const api: Record<string, unknown> = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (args: unknown) => ipcRenderer.invoke('tintype:call', channel, args)]),
);

function subscribe(name: string) {
  return (listener: (value: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, value: unknown): void => listener(value);
    ipcRenderer.on(name, wrapped);
    return () => void ipcRenderer.removeListener(name, wrapped);
  };
}

api.onProgress = subscribe('tintype:progress');
api.onMenu = subscribe('tintype:menu');

contextBridge.exposeInMainWorld('tintype', api);
