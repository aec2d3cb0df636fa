// "Your account": the Matrix ID (what others type to find you), and the name and picture they see.
// Each is saved on its own, with a clear result; nothing typed is lost when the server refuses.
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { AttachmentTooLargeError, checkUploadSize, serverUploadLimit } from '../../matrix/attachments.ts';
import { rendererLogger } from '../../platform/log.ts';
import { TextField } from '../../ui/TextField.tsx';
import { SenderAvatar } from '../room/SenderAvatar.tsx';
import { useAvatarCache } from '../rooms/useAvatarCache.ts';
import { ManageAccount } from './ManageAccount.tsx';
import './account.css';

const log = rendererLogger('account');
const PICTURE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

type Outcome = { kind: 'saved' | 'failed' | 'too-large'; what: 'name' | 'picture' } | null;

function outcomeKey({ kind, what }: NonNullable<Outcome>) {
  if (what === 'picture') return `account.outcome.picture.${kind}` as const;
  // A name has no size limit worth a message of its own: too long is refused by the field.
  return kind === 'saved' ? 'account.outcome.name.saved' : 'account.outcome.name.failed';
}

export function AccountSection() {
  const { t } = useTranslation();
  const client = useClient();
  const avatars = useAvatarCache(client);
  const userId = client.getSafeUserId();
  const me = client.getUser(userId);
  const [savedName, setSavedName] = useState(me?.displayName ?? '');
  // What is being typed; null until the person edits, so the server's answer can still fill the field.
  const [draft, setDraft] = useState<string | null>(null);
  const name = draft ?? savedName;
  const [avatarMxc, setAvatarMxc] = useState<string | null>(me?.avatarUrl ?? null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const pictureLabelId = useId();

  // The user object can lag behind (sliding sync sends few presence/profile updates): ask the server once.
  useEffect(() => {
    let live = true;
    client.getProfileInfo(userId).then(
      (profile) => {
        if (!live) return;
        setSavedName(profile.displayname ?? '');
        setAvatarMxc(profile.avatar_url ?? null);
      },
      () => undefined, // offline: what the client knows is shown
    );
    return () => {
      live = false;
    };
  }, [client, userId]);

  async function run(what: 'name' | 'picture', action: () => Promise<void>) {
    setBusy(true);
    setOutcome(null);
    try {
      await action();
      setOutcome({ kind: 'saved', what });
    } catch (error) {
      log.swallow(`saving the ${what}`)(error);
      setOutcome({ kind: error instanceof AttachmentTooLargeError ? 'too-large' : 'failed', what });
    } finally {
      setBusy(false);
    }
  }

  function saveName(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    void run('name', async () => {
      await client.setDisplayName(trimmed);
      setSavedName(trimmed);
      setDraft(null);
    });
  }

  function choosePicture(file: File | undefined) {
    if (!file) return;
    void run('picture', async () => {
      checkUploadSize(file, await serverUploadLimit(client));
      const { content_uri: mxc } = await client.uploadContent(file, { type: file.type, name: file.name });
      await client.setAvatarUrl(mxc);
      setAvatarMxc(mxc);
    });
  }

  return (
    <section aria-labelledby="settings-account">
      <h3 id="settings-account" className="settings-heading">
        {t('account.heading')}
      </h3>
      <dl className="account-id">
        <dt>{t('account.matrixId')}</dt>
        <dd>
          <code>{userId}</code>
          <button type="button" className="button button-secondary" onClick={() => void navigator.clipboard.writeText(userId)}>
            {t('account.copyId')}
          </button>
        </dd>
      </dl>
      <form className="account-name" onSubmit={saveName} noValidate>
        <TextField
          label={t('account.displayName')}
          hint={t('account.displayNameHint')}
          value={name}
          maxLength={256}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button-secondary" disabled={busy || name.trim() === savedName}>
          {t('account.saveName')}
        </button>
      </form>
      <div className="account-picture" role="group" aria-labelledby={pictureLabelId}>
        <span id={pictureLabelId} className="account-picture-label">
          {t('account.picture')}
        </span>
        <span className="account-avatar">
          <SenderAvatar userId={userId} name={savedName || userId} mxc={avatarMxc} avatars={avatars} />
        </span>
        <input
          ref={fileInput}
          type="file"
          accept={PICTURE_TYPES}
          hidden
          onChange={(event) => {
            choosePicture(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => fileInput.current?.click()}>
          {t('account.changePicture')}
        </button>
        {avatarMxc ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() =>
              void run('picture', async () => {
                await client.setAvatarUrl('');
                setAvatarMxc(null);
              })
            }
          >
            {t('account.removePicture')}
          </button>
        ) : null}
      </div>
      <p className={outcome && outcome.kind !== 'saved' ? 'alert alert-error' : 'muted small'} role="status">
        {outcome ? t(outcomeKey(outcome)) : ''}
      </p>
      <ManageAccount />
    </section>
  );
}
