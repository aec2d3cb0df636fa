// Whether a URL belongs to the app itself. Custom schemes have an opaque `URL.origin` ("null"),
// so scheme and host are compared instead.
export interface AppOrigin {
  protocol: string; // with the trailing colon, as URL.protocol gives it
  host: string;
}

export function parseOrigin(origin: string): AppOrigin {
  const url = new URL(origin);
  return { protocol: url.protocol, host: url.host };
}

export function isAppUrl(candidate: string | undefined | null, appOrigins: readonly AppOrigin[]): boolean {
  if (!candidate) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return appOrigins.some((o) => o.protocol === url.protocol && o.host === url.host);
}
