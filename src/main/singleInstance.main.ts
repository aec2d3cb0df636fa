// One running Relais per user: a second launch hands its arguments (e.g. a msteams: link) to the
// first and exits.
import type { App } from 'electron';

export function acquireSingleInstance(app: App, onSecondInstance: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}
