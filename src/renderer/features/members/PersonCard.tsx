// A person's card in the Members panel: who they are (name, Matrix ID, role), whether I verified them
// and their sessions, and what I can do: write to them, verify them, and as a moderator remove or ban
// them, with a reason that the room sees.
import type { Room } from 'matrix-js-sdk';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SidePanel } from '../../ui/SidePanel.tsx';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import type { AvatarCache } from '../../matrix/avatars.ts';
import { moderationAllowed, roleOf, type MemberEntry, type ModerationLevels } from '../../matrix/members.ts';
import { createDirectMessage, existingDirectMessage } from '../../matrix/roomActions.ts';
import { rendererLogger } from '../../platform/log.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { SenderAvatar } from '../room/SenderAvatar.tsx';
import '../thread/thread.css';
import './members.css';

const log = rendererLogger('members');

interface Trust {
  verified: boolean;
  sessions: { deviceId: string; name: string; verified: boolean }[];
}

async function readTrust(client: ReturnType<typeof useClient>, userId: string): Promise<Trust | null> {
  const crypto = client.getCrypto();
  // No encryption running (it failed to start): nothing to say about trust, rather than a wrong "not verified".
  if (!crypto) return null;
  const verified = (await crypto.getUserVerificationStatus(userId)).isCrossSigningVerified();
  const devices = (await crypto.getUserDeviceInfo([userId], true)).get(userId);
  const sessions: Trust['sessions'] = [];
  for (const device of devices?.values() ?? []) {
    const status = await crypto.getDeviceVerificationStatus(userId, device.deviceId);
    sessions.push({ deviceId: device.deviceId, name: device.displayName ?? '', verified: status?.isVerified() ?? false });
  }
  return { verified, sessions };
}

function useTrust(userId: string): Trust | null {
  const client = useClient();
  const [trust, setTrust] = useState<Trust | null>(null);
  useEffect(() => {
    let live = true;
    readTrust(client, userId).then((read) => live && setTrust(read), log.swallow('reading verification'));
    return () => {
      live = false;
    };
  }, [client, userId]);
  return trust;
}

export interface PersonCardProps {
  room: Room;
  person: MemberEntry;
  levels: ModerationLevels;
  avatars: AvatarCache | undefined;
  onVerify: (userId: string) => void;
  onBack: () => void;
  onClose: () => void;
}

type Moderation = 'remove' | 'ban';

export function PersonCard({ room, person, levels, avatars, onVerify, onBack, onClose }: PersonCardProps) {
  const { t } = useTranslation();
  const client = useClient();
  const me = client.getSafeUserId();
  const tchap = useAppConfig().tchap?.enabled === true;
  const trust = useTrust(person.userId);
  const allowed = moderationAllowed(levels, person, me);
  const [moderating, setModerating] = useState<Moderation | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function message() {
    setFailure(null);
    try {
      const roomId =
        existingDirectMessage(client, person.userId) ?? (await createDirectMessage(client, person.userId, { tchap }));
      navigate({ kind: 'room', roomId });
    } catch (error) {
      log.swallow('starting a direct message')(error);
      setFailure(t('dm.errors.failed', { userId: person.name }));
    }
  }

  return (
    <SidePanel
      title={person.name}
      onClose={onClose}
      closeLabel={t('members.close')}
      back={{ label: t('members.back'), onBack }}
      className="members-panel"
    >
      <div className="members-body person-card">
        <div className="person-identity">
          <SenderAvatar userId={person.userId} name={person.name} mxc={person.avatarMxc} avatars={avatars} />
          <span className="person-names">
            <span className="person-name">{person.name}</span>
            <span className="person-id">{person.userId}</span>
            <span className="muted small">
              {person.membership === 'invite' ? t('members.invitedRole') : t(`members.roles.${roleOf(person.powerLevel)}`)}
            </span>
          </span>
        </div>
        {trust ? (
          <p className={trust.verified ? 'session-badge session-badge-verified' : 'muted small'}>
            {trust.verified ? t('members.verified') : t('members.notVerified')}
          </p>
        ) : null}
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
        {person.userId !== me ? (
          <div className="person-actions">
            <button type="button" className="button button-primary inline" onClick={() => void message()}>
              {t('members.message')}
            </button>
            {trust && !trust.verified && person.membership === 'join' ? (
              <button type="button" className="button button-secondary" onClick={() => onVerify(person.userId)}>
                {t('members.verify')}
              </button>
            ) : null}
            {allowed.remove && person.membership === 'join' ? (
              <button type="button" className="button button-secondary" onClick={() => setModerating('remove')}>
                {t('members.remove')}
              </button>
            ) : null}
            {allowed.ban ? (
              <button type="button" className="button button-danger inline" onClick={() => setModerating('ban')}>
                {t('members.ban')}
              </button>
            ) : null}
          </div>
        ) : null}
        {trust && trust.sessions.length > 0 ? (
          <section aria-labelledby="person-sessions">
            <h3 id="person-sessions" className="members-group-title">
              {t('members.sessions', { count: trust.sessions.length })}
            </h3>
            <ul className="person-sessions">
              {trust.sessions.map((session) => (
                <li key={session.deviceId}>
                  <span>{session.name || session.deviceId}</span>
                  <span
                    className={
                      session.verified ? 'session-badge session-badge-verified' : 'session-badge session-badge-unverified'
                    }
                  >
                    {session.verified ? t('sessions.verified') : t('sessions.unverified')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      {moderating ? (
        <ModerationDialog
          kind={moderating}
          name={person.name}
          onClose={() => setModerating(null)}
          run={async (reason) => {
            if (moderating === 'ban') await client.ban(room.roomId, person.userId, reason || undefined);
            else await client.kick(room.roomId, person.userId, reason || undefined);
            setModerating(null);
            onBack();
          }}
        />
      ) : null}
    </SidePanel>
  );
}

function ModerationDialog({
  kind,
  name,
  onClose,
  run,
}: {
  kind: Moderation;
  name: string;
  onClose: () => void;
  run: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      await run(reason.trim());
    } catch (error) {
      log.swallow(`${kind} a member`)(error);
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(`members.${kind}Title`, { name })} open onClose={onClose}>
      <form id={formId} className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <p>{t(`members.${kind}Explain`, { name })}</p>
        {failed ? (
          <p className="alert alert-error" role="alert">
            {t(`members.${kind}Failed`, { name })}
          </p>
        ) : null}
        <TextField
          label={t('members.reason')}
          hint={t('members.reasonHint')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-danger inline" disabled={busy}>
            {t(kind === 'ban' ? 'members.ban' : 'members.remove')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
