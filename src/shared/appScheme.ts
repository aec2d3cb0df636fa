// The privileged scheme the desktop app serves its own files from (never file://).
export const APP_SCHEME = 'relais';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
