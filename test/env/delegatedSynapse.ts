// A homeserver that delegates authentication (issue 21): Synapse 1.160 in its
// matrix_authentication_service mode, with the oidc-provider issuer of oidcIssuer.ts standing in for
// MAS. Password login and registration are off on Synapse: users exist only through the issuer.
import { startOidcIssuer, type OidcIssuerHandle, type OidcIssuerOptions } from './oidcIssuer.ts';
import { startSynapse, type SynapseHandle } from './synapse.ts';

export interface DelegatedHomeserver {
  synapse: SynapseHandle;
  issuer: OidcIssuerHandle;
  stop(): Promise<void>;
}

export async function startDelegatedHomeserver(options: {
  synapsePort: number;
  issuerPort: number;
  issuer?: Omit<OidcIssuerOptions, 'port'>;
}): Promise<DelegatedHomeserver> {
  // Synapse reads the issuer's discovery on first use, so the issuer comes up first.
  const issuer = await startOidcIssuer({ port: options.issuerPort, ...options.issuer });
  let synapse: SynapseHandle;
  try {
    synapse = await startSynapse({
      port: options.synapsePort,
      extraConfig: {
        matrix_authentication_service: { enabled: true, endpoint: issuer.issuerUrl, secret: issuer.secret },
        password_config: { enabled: false },
        enable_registration: false,
      },
    });
  } catch (error) {
    await issuer.stop();
    throw error;
  }
  issuer.attachHomeserver(synapse.baseUrl);
  return {
    synapse,
    issuer,
    async stop() {
      await Promise.all([synapse.stop(), issuer.stop()]);
    },
  };
}
