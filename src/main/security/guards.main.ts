// Attaches the navigation and permission guards to Electron objects. Only types come from
// Electron here: the objects are handed in, so tests pass fakes.
import type { Session, WebContents } from 'electron';
import { externalLinkTarget } from './externalLinks.ts';
import { isAppUrl, type AppOrigin } from './origins.ts';
import { isPermissionAllowed } from './permissions.ts';

export interface GuardDeps {
  appOrigins: readonly AppOrigin[];
  openExternal(url: string): Promise<void>;
  log(message: string): void;
}

export function attachNavigationGuards(contents: WebContents, deps: GuardDeps): void {
  const refuseLeavingApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, deps.appOrigins)) return;
    event.preventDefault();
    deps.log(`navigation: blocked ${redact(url)}`);
    const target = externalLinkTarget(url);
    if (target) openOutside(deps, target);
  };
  contents.on('will-navigate', refuseLeavingApp);
  contents.on('will-redirect', refuseLeavingApp);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, deps.appOrigins)) {
      event.preventDefault();
      deps.log(`navigation: blocked frame to ${redact(event.url)}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log('navigation: blocked <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url);
    if (target) openOutside(deps, target);
    else deps.log(`navigation: refused window.open of ${redact(url)}`);
    return { action: 'deny' };
  });
}

export function installPermissionHandlers(session: Session, deps: Pick<GuardDeps, 'appOrigins' | 'log'>): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, mediaTypes }, deps.appOrigins);
    if (!allowed) deps.log(`permission: denied ${permission} to ${redact(details.requestingUrl)}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    const mediaTypes = details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : [];
    return isPermissionAllowed(
      { permission, requestingUrl: details.requestingUrl ?? requestingOrigin, mediaTypes },
      deps.appOrigins,
    );
  });
}

/** The OS may have no browser or mail client for the link: log it, never leave a rejection unhandled. */
function openOutside(deps: GuardDeps, target: string): void {
  deps.openExternal(target).catch(() => deps.log(`navigation: the OS could not open ${redact(target)}`));
}

/** Logs keep scheme and host only: paths and queries can carry tokens. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}
