// Mail-security wrapper encoders, written from each vendor's algorithm so that tests can wrap any link.

export function safeLinks(url: string, region = 'nam12', domain = 'outlook.com'): string {
  return (
    `https://${region}.safelinks.protection.${domain}/?url=${encodeURIComponent(url)}` +
    '&data=05%7C02%7Cjane.doe%40agency.example%7C5d2c0e8f1a3b4c6d9e7f08a1b2c3d4e5%7C72f988bf86f141af91ab2d7cd011db47' +
    '%7C0%7C0%7C638512345678901234%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D' +
    '%7C0%7C%7C%7C&sdata=Zk9xQ2lmS3JwYm5hR2xvV2dMZ3Z6a1U%3D&reserved=0'
  );
}

/** Proofpoint v2: percent-encode (only letters, digits and `.` kept), then `%` → `-` and `/` → `_`. */
export function proofpointV2(url: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(url)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.]/.test(char)) encoded += char;
    else if (char === '/') encoded += '_';
    else encoded += `-${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return (
    `https://urldefense.proofpoint.com/v2/url?u=${encoded}&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM` +
    '&r=Pl5xGz8bJ1rQ3dYkVw2NcTeHsUaFiOmL&m=q7W1eR2tY3uI4oP5aS6dF7gH8jK9lZ0x&s=Xc1Vb2Nm3Qw4Er5Ty6Ui7Op8As9Df0Gh&e='
  );
}

/** Proofpoint v1: the URL percent-encoded in `u`. */
export function proofpointV1(url: string): string {
  return `https://urldefense.proofpoint.com/v1/url?u=${encodeURIComponent(url)}&k=oIvRg1%2BdGAgOoM1BIlLLqw%3D%3D%0A&r=abc&m=def&s=123`;
}

/** Characters Proofpoint v3 keeps in the visible URL; every other one becomes a placeholder. */
const V3_KEPT = /^[A-Za-z0-9\-._~:/?=&+,@()']$/;
const V3_RUNS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Proofpoint v3 from its algorithm: `*` per replaced character, `**X` for runs of 2–65, bytes in base64url. */
export function proofpointV3(url: string, options: { singleSlash?: boolean; host?: string } = {}): string {
  const chars = Array.from(url);
  let visible = '';
  let replaced = '';
  for (let i = 0; i < chars.length;) {
    let run = 0;
    while (i + run < chars.length && !V3_KEPT.test(chars[i + run]!)) run++;
    if (run === 0) {
      visible += chars[i]!;
      i++;
      continue;
    }
    while (run > 0) {
      const take = Math.min(run, 65);
      visible += take === 1 ? '*' : `**${V3_RUNS[take - 2]!}`;
      replaced += chars.slice(i, i + take).join('');
      i += take;
      run -= take;
    }
  }
  if (options.singleSlash) visible = visible.replace('://', ':/');
  const bytes = Buffer.from(replaced, 'utf8').toString('base64url');
  return `https://${options.host ?? 'urldefense.com'}/v3/__${visible}__;${bytes}!!BtfsGxsbc6Q!Wq3X9vKzN2mP8rL5tY1uE4oA7sD0fG6hJ$`;
}

export function barracuda(url: string): string {
  return `https://linkprotect.cudasvc.com/url?a=${encodeURIComponent(url)}&c=E,1,Kq9XzP3mN7vR2tY5wL8bC4dF6gH1jK0sA3eI5oU,,&typo=1`;
}

export function cisco(url: string): string {
  return `https://secure-web.cisco.com/1xK9mP2qR5sT8vW1yZ4bC7eF0hJ3kL6nQ9rU2wX5zA8dG1iM4oS7uV0yB3cE6fH9j/${encodeURIComponent(url)}`;
}

export function mimecast(domain = 'teams.microsoft.com'): string {
  return `https://protect-eu.mimecast.com/s/Xq7VCk5nGtRlp2ZhWx9Qo?domain=${domain}`;
}
