// The machine-policy schema, version 1. It is the single description of every key: the loader
// validates with it, the JSON Schema for administrators is generated from it (jsonSchema.ts), the
// registry mapping reads key types from it, and tests check the ADMX templates against it.
//
// Shape of a policy document:
//   - top-level keys are MANDATORY: set by the organisation and locked for users;
//   - `defaults` holds RECOMMENDED values for the keys a user may change; users can override them.
// Every object is strict, so a misspelt key is an error rather than a silently ignored setting.
import { z } from 'zod';
import { isLoopbackHost, parseHostEntry, parseIceUri } from './hosts.ts';

export const POLICY_VERSION = 1;

export const TEAMS_TEMPLATE_PLACEHOLDERS = ['threadId', 'messageId', 'tenantId', 'organizerId', 'meetingId', 'passcode'] as const;

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * A URL Relais connects to. Remote services must use TLS; plain http/ws is accepted only on the
 * loopback interface (local test servers). Credentials, queries and fragments have no place in a
 * base URL and would end up in logs, so they are refused.
 */
function serviceUrl(description: string, secure: readonly string[], plain: readonly string[]) {
  return z
    .string()
    .regex(/^[A-Za-z]+:\/\//, { error: 'must be an absolute URL such as https://matrix.example.org' })
    .superRefine((value, ctx) => {
      const url = tryUrl(value);
      if (!url) {
        ctx.addIssue({ code: 'custom', message: 'is not a valid URL' });
        return;
      }
      const scheme = url.protocol.slice(0, -1);
      const allowed = secure.includes(scheme) || (plain.includes(scheme) && isLoopbackHost(url.hostname));
      if (!allowed) {
        const schemes = secure.map((s) => `${s}://`).join(' or ');
        ctx.addIssue({ code: 'custom', message: `must start with ${schemes} (plain ${plain.join('/')} only for localhost)` });
      }
      if (url.username !== '' || url.password !== '')
        ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
      if (url.search !== '' || url.hash !== '') ctx.addIssue({ code: 'custom', message: 'must not contain "?" or "#" parts' });
    })
    .meta({ description });
}

const httpsUrl = (description: string) => serviceUrl(description, ['https'], ['http']);

function placeholderProblems(template: string): string[] {
  const problems: string[] = [];
  const known = new Set<string>(TEAMS_TEMPLATE_PLACEHOLDERS);
  for (const [, name] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (name !== undefined && !known.has(name)) problems.push(`uses unknown placeholder {${name}}`);
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) problems.push('has an unmatched "{" or "}"');
  return problems;
}

function fillPlaceholders(template: string, filler: string): string {
  return template.replace(/\{[^{}]*\}/g, filler);
}

const placeholderList = TEAMS_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ');

const webGatewayUrlTemplate = z
  .string()
  .superRefine((value, ctx) => {
    for (const message of placeholderProblems(value)) ctx.addIssue({ code: 'custom', message });
    // Filling the placeholders two different ways must give the same scheme and host: a
    // placeholder in the host would let a meeting link choose where Relais connects.
    const a = tryUrl(fillPlaceholders(value, 'a'));
    const b = tryUrl(fillPlaceholders(value, 'b'));
    if (!a || !b) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid URL template' });
      return;
    }
    if (a.origin !== b.origin || a.username !== b.username) {
      ctx.addIssue({ code: 'custom', message: 'may use placeholders only in the path, query or fragment, not in the host' });
    }
    if (a.protocol !== 'https:' && !(a.protocol === 'http:' && isLoopbackHost(a.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'must start with https://' });
    }
    if (a.username !== '' || a.password !== '')
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  })
  .meta({ description: `HTTPS URL of the web gateway; placeholders ${placeholderList} in path or query only.` });

const sipUriTemplate = z
  .string()
  .regex(/^sips?:/i, { error: 'must start with sip: or sips:' })
  .superRefine((value, ctx) => {
    for (const message of placeholderProblems(value)) ctx.addIssue({ code: 'custom', message });
  })
  .meta({ description: `SIP URI of the meeting gateway; placeholders ${placeholderList}.` });

const teamsMode = z
  .strictObject({
    mode: z.enum(['gateway', 'isolated', 'browser', 'block']).meta({
      description:
        'gateway: join through the organisation gateway (needs a template); isolated: join in an isolated window; ' +
        'browser: open the link in the default browser; block: refuse to open the meeting.',
    }),
    sipUriTemplate: sipUriTemplate.optional(),
    webGatewayUrlTemplate: webGatewayUrlTemplate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'gateway' && value.sipUriTemplate === undefined && value.webGatewayUrlTemplate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '"gateway" needs sipUriTemplate or webGatewayUrlTemplate' });
    }
  });
export type TeamsMode = z.output<typeof teamsMode>;

const tenantKey = z
  .string()
  .regex(new RegExp(`^(\\*|${GUID_PATTERN.source.slice(1, -1)})$`), { error: 'must be a tenant ID (GUID) or "*"' });

const iceUri = z.string().superRefine((value, ctx) => {
  if (!parseIceUri(value))
    ctx.addIssue({ code: 'custom', message: 'must be a stun:, stuns:, turn: or turns: URI such as turns:turn.example.org:5349' });
});

const iceServer = z
  .strictObject({
    urls: z.union([iceUri, z.array(iceUri).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional().meta({ description: 'Readable by every local user; prefer short-lived TURN credentials.' }),
  })
  .superRefine((value, ctx) => {
    // WebRTC refuses a TURN server without credentials; say so here instead of failing mid-call.
    const urls = typeof value.urls === 'string' ? [value.urls] : value.urls;
    const needsAuth = urls.some((u) => parseIceUri(u)?.scheme.startsWith('turn') === true);
    if (needsAuth && (value.username === undefined || value.credential === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'turn: and turns: servers need username and credential' });
    }
  });
export type IceServer = z.output<typeof iceServer>;

const hostEntry = z.string().superRefine((value, ctx) => {
  if (!parseHostEntry(value))
    ctx.addIssue({ code: 'custom', message: 'must be a host name or host:port, without scheme, path or wildcard' });
});

// Keys a user may change (they may appear in `defaults`). Kept separate so that `defaults` cannot
// carry administrator-only keys, which would look changeable but widen network access.
const userSettableShape = {
  homeservers: z.array(httpsUrl('Homeserver base URL.')).min(1, { error: 'must list at least one homeserver' }).optional().meta({
    description: 'Homeserver base URLs offered at sign-in, in order of preference.',
  }),
  downloadFolder: z
    .string()
    .regex(/^(~|~[\\/].*|\/.*|[A-Za-z]:[\\/].*|\\\\.+)$/, { error: 'must be an absolute path (or start with ~/)' })
    .optional()
    .meta({ description: 'Folder where downloads are saved: absolute path, or ~/ for the home folder.' }),
  notifications: z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: 'Show desktop notifications.' }),
      sound: z.boolean().optional().meta({ description: 'Play a sound with notifications.' }),
    })
    .optional(),
  spellcheck: z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: 'Check spelling while typing.' }),
      languages: z
        .array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language tag such as fr-FR' }))
        .optional()
        .meta({ description: 'Spell-check languages (BCP 47 tags such as fr-FR); empty means the interface language.' }),
    })
    .optional(),
  chat: z
    .strictObject({
      urlPreviews: z
        .enum(['off', 'unencrypted', 'all'])
        .optional()
        .meta({
          description:
            'Link previews, always fetched by the homeserver (never by Relais): off; unencrypted (only in rooms ' +
            'without end-to-end encryption, the default); all (also in encrypted rooms: the homeserver then sees those links).',
        }),
      developerMode: z.boolean().optional().meta({ description: 'Show developer tools such as “View source” on messages.' }),
    })
    .optional(),
  logLevel: z.enum(['error', 'warn', 'info', 'debug']).optional().meta({ description: 'How much Relais writes to its log.' }),
  syncMode: z.enum(['auto', 'sliding', 'classic']).optional().meta({
    description: 'Matrix sync protocol: auto (sliding sync when the server offers it), sliding or classic (/sync).',
  }),
};

const hexColour = (description: string) =>
  z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour written #rrggbb, such as #000091' })
    .meta({ description });

// Branding is mandatory-only: it is the organisation's identity, not a preference. Contrast is not
// checked here: a colour that fails WCAG is refused by main (shared/branding/accent.ts) and
// reported, while the rest of the policy still applies.
const branding = z.strictObject({
  organisationName: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(80, { error: 'must be at most 80 characters' })
    .regex(/^[^\p{Cc}]*$/u, { error: 'must not contain control characters' })
    .optional()
    .meta({ description: 'Organisation name shown beside the Relais name (the product name stays Relais).' }),
  logo: z
    .string()
    .regex(/^(\/.*|[A-Za-z]:[\\/].*|\\\\.+)$/, { error: 'must be an absolute path to an SVG or PNG file' })
    .optional()
    .meta({ description: 'Absolute path to the organisation logo: an SVG or PNG file of at most 256 KB.' }),
  accentColor: hexColour('Accent colour (#rrggbb) in the light theme; needs 4.5:1 on white.').optional(),
  accentColorDark: hexColour('Accent colour (#rrggbb) in the dark theme; derived from accentColor when not set.').optional(),
  theme: z.enum(['compound', 'dsfr']).optional().meta({
    description:
      'compound: Relais’s own look; dsfr: French State colours (Système de design de l’État), for State services only.',
  }),
});

const settingsShape = {
  ...userSettableShape,
  allowCustomHomeserver: z.boolean().optional().meta({
    description: 'Whether users may sign in to a homeserver of their choice. Must not be true when homeservers is mandatory.',
  }),
  tchap: z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: 'Tchap mode: find the user’s homeserver from their e-mail address.' }),
      infoServers: z.array(httpsUrl('Tchap info server base URL.')).optional(),
    })
    .optional(),
  signIn: z
    .strictObject({
      requireOidc: z.boolean().optional().meta({
        description:
          'Sign in only through the homeserver’s OIDC issuer (native OIDC): a homeserver that does not delegate authentication is refused.',
      }),
      oidcIssuer: httpsUrl('The only OIDC issuer accepted: a homeserver naming another one is refused.').optional(),
      oidcClientId: z
        .string()
        .regex(/^[\x21-\x7e]{1,255}$/, { error: 'must be a client ID (printable ASCII, no spaces)' })
        .optional()
        .meta({ description: 'Client ID the organisation registered with its issuer; Relais then skips dynamic registration.' }),
      passwordEnabled: z
        .boolean()
        .optional()
        .meta({ description: 'Offer the password form when the homeserver has no OIDC issuer.' }),
    })
    .optional(),
  calls: z
    .strictObject({
      sfuUrl: serviceUrl(
        'URL of the Relais SFU (sfu/, mediasoup) for group calls, for example wss://sfu.example.gouv.fr/ws.',
        ['https', 'wss'],
        ['http', 'ws'],
      ).optional(),
      iceServers: z.array(iceServer).optional().meta({ description: 'STUN/TURN servers for calls.' }),
      elementCallUrl: httpsUrl(
        "The organisation's Element Call web app, offered (in the system browser) when a room's call runs on Element Call, which Relais cannot join.",
      ).optional(),
      mediaEncryption: z
        .enum(['required', 'preferred', 'off'])
        .optional()
        .meta({
          description:
            'End-to-end encryption of call audio and video (the SFU forwards only ciphertext): required (the default; ' +
            'a device that cannot encrypt does not join); preferred (encrypt where the device can); off.',
        }),
    })
    .optional(),
  teamsBridge: z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: 'Open Microsoft Teams meeting links through Relais.' }),
      sunset: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }).optional().meta({
        description: 'Date (YYYY-MM-DD) after which the Teams bridge switches itself off.',
      }),
      tenantsAllowlist: z
        .array(z.string().regex(GUID_PATTERN, { error: 'must be a tenant ID (GUID)' }))
        .optional()
        .meta({ description: 'Microsoft 365 tenant IDs whose meetings may be joined.' }),
      modes: z.record(tenantKey, teamsMode).optional().meta({
        description: 'How to join meetings, per organiser tenant ID; "*" applies to any other tenant.',
      }),
    })
    .optional(),
  autoUpdate: z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: 'Let Relais update itself (off by default in managed installs).' }),
      url: httpsUrl('Update feed URL (for example an internal mirror).').optional(),
    })
    .optional(),
  allowedEgressHosts: z.array(hostEntry).optional().meta({
    description: 'Extra hosts Relais may connect to ("host" means port 443, or "host:port").',
  }),
  branding: branding.optional(),
};

export const defaultsSchema = z.strictObject(userSettableShape).meta({
  description: 'Recommended values: applied until the user changes them. Only user-changeable keys are allowed.',
});

/** Every key an organisation can set, all optional: a policy.d fragment may set just one. */
export const policySettingsSchema = z.strictObject(settingsShape);

/** A complete policy document (a file, or the registry/managed-preferences tree). */
export const policyDocumentSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Ignored; lets editors find the JSON Schema.' }),
    $comment: z.string().optional().meta({ description: 'Ignored; free text for administrators.' }),
    policyVersion: z.literal(POLICY_VERSION, { error: `must be ${POLICY_VERSION}` }),
    ...settingsShape,
    defaults: defaultsSchema.optional(),
  })
  .superRefine((doc, ctx) => {
    // A mandatory list already stops users from choosing; "true" would promise what cannot happen.
    if (doc.allowCustomHomeserver === true && doc.homeservers !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowCustomHomeserver'],
        message: 'cannot be true while homeservers is mandatory; put the list in defaults.homeservers instead',
      });
    }
  })
  .meta({ title: 'Relais machine policy', description: `Relais machine policy, policyVersion ${POLICY_VERSION}.` });

export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type PolicySettings = z.output<typeof policySettingsSchema>;
