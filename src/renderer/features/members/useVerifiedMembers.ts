// Which of the room's people I have verified (their cross-signing identity), for the badge in the
// Members list. Kept current when a verification ends (the SDK's UserTrustStatusChanged), so the badge
// appears without reopening the panel.
import type { MatrixClient } from 'matrix-js-sdk';
// Not re-exported from the package root in v43: the crypto API has its own entry point.
import { CryptoEvent } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { useEffect, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { rendererLogger } from '../../platform/log.ts';

const log = rendererLogger('members');

/** A very large room is not asked about person by person: only the first ones listed get a badge. */
const MAX_ASKED = 200;

async function verifiedAmong(client: MatrixClient, userIds: readonly string[]): Promise<ReadonlySet<string>> {
  const crypto = client.getCrypto();
  if (!crypto) return new Set();
  const verified = new Set<string>();
  for (const userId of userIds.slice(0, MAX_ASKED)) {
    if ((await crypto.getUserVerificationStatus(userId)).isCrossSigningVerified()) verified.add(userId);
  }
  return verified;
}

export function useVerifiedMembers(userIds: readonly string[]): ReadonlySet<string> {
  const client = useClient();
  const [verified, setVerified] = useState<ReadonlySet<string>>(new Set());
  // One string: the effect re-runs when the people change, not on every render's new array.
  const key = userIds.join('\n');
  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split('\n');
    const read = () =>
      void verifiedAmong(client, ids).then((set) => live && setVerified(set), log.swallow('reading who is verified'));
    read();
    client.on(CryptoEvent.UserTrustStatusChanged, read);
    return () => {
      live = false;
      client.off(CryptoEvent.UserTrustStatusChanged, read);
    };
  }, [client, key]);
  return verified;
}
