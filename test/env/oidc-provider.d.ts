// The few parts of `oidc-provider` 9 (a devDependency without bundled types) that the test issuer
// uses. Kept narrow on purpose: anything else the issuer needs is added here when it is used.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Token {
    readonly accountId: string;
    readonly clientId: string;
    readonly grantId: string;
    readonly scope?: string;
    readonly exp: number;
  }

  export interface TokenModel {
    find(value: string): Promise<Token | undefined>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export class Grant {
    constructor(init: { accountId: string; clientId: string });
    addResourceScope(resource: string, scope: string): void;
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface InteractionDetails {
    readonly uid: string;
    readonly prompt: {
      readonly name: string;
      readonly details: { readonly missingResourceScopes?: Record<string, string[]>; readonly missingOIDCScope?: string[] };
    };
    readonly params: Record<string, unknown>;
    readonly session?: { readonly accountId: string };
    readonly grantId?: string;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export interface ResourceServer {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat: 'opaque' | 'jwt';
  }

  /** The handlers get Koa's context, which the issuer never reads. */
  type Ctx = unknown;

  export interface Configuration {
    clients?: unknown[];
    cookies?: { keys: string[] };
    pkce?: { required: () => boolean };
    clientBasedCORS?: () => boolean;
    scopes?: string[];
    responseTypes?: string[];
    discovery?: Record<string, unknown>;
    routes?: Record<string, string>;
    ttl?: Record<string, number | (() => number)>;
    features?: {
      devInteractions?: { enabled: boolean };
      registration?: { enabled: boolean; initialAccessToken?: boolean };
      revocation?: { enabled: boolean; allowedPolicy?: (ctx: Ctx, client: { clientId: string }, token: Token) => boolean };
      introspection?: { enabled: boolean };
      userinfo?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource: () => string;
        useGrantedResource: () => boolean;
        getResourceServerInfo: () => ResourceServer;
      };
    };
    interactions?: { url: (ctx: Ctx, interaction: { uid: string }) => string };
    findAccount?: (ctx: Ctx, id: string) => { accountId: string; claims: () => { sub: string } } | undefined;
    issueRefreshToken?: () => boolean;
    rotateRefreshToken?: () => boolean;
    revokeGrantPolicy?: () => boolean;
    renderError?: (ctx: { type: string; body: string }, out: Record<string, string>) => void;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    readonly Grant: typeof Grant;
    readonly AccessToken: TokenModel;
    readonly RefreshToken: TokenModel;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: 'grant.revoked', listener: (ctx: Ctx, grantId: string) => void): this;
    on(event: 'server_error', listener: (ctx: Ctx, error: Error) => void): this;
    on(event: 'grant.success', listener: (ctx: { oidc: { params?: { grant_type?: unknown } } }) => void): this;
  }
}
