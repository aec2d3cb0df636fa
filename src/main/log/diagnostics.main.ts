// Settings → Export diagnostics in the desktop app: asks where to save (the OS save dialog, over the
// app's window), then writes the file built by desktopDiagnostics.ts. Cancelling writes nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BrowserWindow, dialog } from 'electron';

export async function saveDiagnostics(
  window: BrowserWindow | null,
  options: { dialogTitle: string; folder: string; build: () => Promise<{ fileName: string; text: string }> },
): Promise<{ saved: boolean }> {
  const { fileName, text } = await options.build();
  const dialogOptions = {
    title: options.dialogTitle,
    defaultPath: path.join(options.folder, fileName),
    filters: [{ name: 'Text', extensions: ['txt'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await writeFile(choice.filePath, text, { encoding: 'utf8', mode: 0o600 });
  return { saved: true };
}
