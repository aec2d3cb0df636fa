// Drives emoji (SAS) verification with another user, both ways: requests this user starts and
// requests that arrive. The matrix-js-sdk request object is the source of truth; this maps its
// phases to what the dialog shows.
import type { MatrixClient } from 'matrix-js-sdk';
// Not re-exported from the package root in v43: the crypto API has its own entry point.
import {
  CryptoEvent,
  VerificationPhase,
  VerificationRequestEvent,
  VerifierEvent,
  type ShowSasCallbacks,
  type VerificationRequest,
  type Verifier,
} from 'matrix-js-sdk/lib/crypto-api/index.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { rendererLogger } from '../../platform/log.ts';

export type VerificationView =
  | { kind: 'idle' }
  | { kind: 'incoming'; userId: string }
  | { kind: 'waiting-for-other'; userId: string }
  | { kind: 'compare'; userId: string; emoji: [string, string][] }
  | { kind: 'waiting-for-confirmation'; userId: string }
  | { kind: 'done'; userId: string }
  | { kind: 'cancelled'; userId: string };

const SAS = 'm.sas.v1';

export function useVerification(client: MatrixClient) {
  const [view, setView] = useState<VerificationView>({ kind: 'idle' });
  const request = useRef<VerificationRequest | null>(null);
  const sas = useRef<ShowSasCallbacks | null>(null);

  const follow = useCallback((req: VerificationRequest) => {
    request.current = req;
    const watchVerifier = (verifier: Verifier) => {
      verifier.on(VerifierEvent.ShowSas, (callbacks) => {
        sas.current = callbacks;
        setView({ kind: 'compare', userId: req.otherUserId, emoji: callbacks.sas.emoji ?? [] });
      });
      verifier.verify().catch(rendererLogger('verification').swallow('verifying by emoji', 'info'));
    };
    const onChange = () => {
      switch (req.phase) {
        case VerificationPhase.Ready:
          // The side that asked starts the emoji comparison once the other accepted.
          if (req.initiatedByMe && !req.verifier) void req.startVerification(SAS).then(watchVerifier, () => undefined);
          break;
        case VerificationPhase.Started:
          if (!req.initiatedByMe && req.verifier && !sas.current) watchVerifier(req.verifier);
          break;
        case VerificationPhase.Done:
          setView({ kind: 'done', userId: req.otherUserId });
          req.off(VerificationRequestEvent.Change, onChange);
          break;
        case VerificationPhase.Cancelled:
          setView({ kind: 'cancelled', userId: req.otherUserId });
          req.off(VerificationRequestEvent.Change, onChange);
          break;
        default:
          break;
      }
    };
    req.on(VerificationRequestEvent.Change, onChange);
    onChange();
  }, []);

  useEffect(() => {
    const onIncoming = (req: VerificationRequest) => {
      if (req.initiatedByMe || request.current?.pending) return;
      sas.current = null;
      setView({ kind: 'incoming', userId: req.otherUserId });
      request.current = req;
    };
    client.on(CryptoEvent.VerificationRequestReceived, onIncoming);
    return () => {
      client.off(CryptoEvent.VerificationRequestReceived, onIncoming);
    };
  }, [client]);

  return {
    view,
    async start(userId: string, roomId: string) {
      const crypto = client.getCrypto();
      if (!crypto) return;
      sas.current = null;
      setView({ kind: 'waiting-for-other', userId });
      follow(await crypto.requestVerificationDM(userId, roomId));
    },
    async accept() {
      const req = request.current;
      if (!req) return;
      setView({ kind: 'waiting-for-other', userId: req.otherUserId });
      follow(req);
      await req.accept();
    },
    async confirm() {
      const req = request.current;
      if (!sas.current || !req) return;
      setView({ kind: 'waiting-for-confirmation', userId: req.otherUserId });
      await sas.current.confirm();
    },
    mismatch() {
      sas.current?.mismatch();
    },
    async cancel() {
      await request.current?.cancel().catch(rendererLogger('verification').swallow('cancelling a verification', 'info'));
      setView({ kind: 'idle' });
    },
    close() {
      setView({ kind: 'idle' });
    },
  };
}

export type VerificationController = ReturnType<typeof useVerification>;
