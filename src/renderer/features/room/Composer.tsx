import { AttachmentIcon, SendIcon } from '@vector-im/compound-design-tokens/assets/web/icons';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserSettings } from '../../app/UserSettingsContext.ts';
import { AttachmentTooLargeError } from '../../matrix/attachments.ts';
import { parseCommand } from '../../matrix/commands.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { formatSize } from '../../ui/formatSize.ts';
import {
  findMentionQuery,
  insertMention,
  mentionCandidates,
  type MentionCandidate,
  type MentionQuery,
} from '../../matrix/mentions.ts';

export interface ComposerProps {
  replyTo: TimelineItem | null;
  onCancelReply: () => void;
  /** The user's last message, offered for editing with the Up arrow in an empty composer. */
  lastOwnMessage: TimelineItem | null;
  onSend: (
    text: string,
    mode: { kind: 'new' } | { kind: 'edit'; eventId: string },
    mentions: MentionCandidate[],
  ) => Promise<void>;
  members: readonly MentionCandidate[];
  myUserId: string;
  onTyping: (typing: boolean) => void;
  onAttach: (file: File) => Promise<void>;
  /** What was being written here before (a room switch, a restart); the edit only if its message is loaded. */
  initialDraft?: ComposerDraft | undefined;
  /** "Edit" chosen on a message: a new `seq` starts editing `item` (its text in the field, focused). */
  editRequest?: { item: TimelineItem; seq: number } | null | undefined;
  /** "Quote" chosen on a message: a new `seq` adds `text` after what is written, and focuses the field. */
  insertRequest?: { text: string; seq: number } | null | undefined;
  /** Told of every change to the text, its mentions or the edit under way, to keep it as a draft. */
  onDraftChange?: ((draft: ComposerDraftChange) => void) | undefined;
}

export interface ComposerDraft {
  text: string;
  mentions: MentionCandidate[];
  editing: TimelineItem | null;
}

export interface ComposerDraftChange {
  text: string;
  mentions: MentionCandidate[];
  editEventId: string | null;
}

export function Composer({
  replyTo,
  onCancelReply,
  lastOwnMessage,
  onSend,
  onTyping,
  onAttach,
  members,
  myUserId,
  initialDraft,
  onDraftChange,
  editRequest,
  insertRequest,
}: ComposerProps) {
  const { t } = useTranslation();
  // Spell checking as the person (or their organisation's policy) set it.
  const spellCheck = useUserSettings().settings.spellcheck.enabled;
  const [text, setText] = useState(initialDraft?.text ?? '');
  const [editing, setEditing] = useState<TimelineItem | null>(initialDraft?.editing ?? null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [mentions, setMentions] = useState<MentionCandidate[]>(initialDraft?.mentions ?? []);
  const latestOnDraftChange = useRef(onDraftChange);
  useEffect(() => {
    latestOnDraftChange.current = onDraftChange;
  });
  useEffect(() => {
    latestOnDraftChange.current?.({ text, mentions, editEventId: editing?.eventId ?? null });
  }, [text, mentions, editing]);
  const [mention, setMention] = useState<{ at: MentionQuery; options: MentionCandidate[]; active: number } | null>(null);

  function updateMention(value: string, caret: number) {
    const at = findMentionQuery(value, caret);
    const options = at ? mentionCandidates(members, at.query, myUserId) : [];
    setMention(at && options.length > 0 ? { at, options, active: 0 } : null);
  }

  function choose(option: MentionCandidate) {
    if (!mention) return;
    const next = insertMention(text, mention.at, option);
    setText(next.text);
    setMentions((m) => [...m, option]);
    setMention(null);
    pendingCaret.current = next.caret;
  }
  // The caret goes after the inserted mention as soon as the new text is in the field, before the next
  // key press: placed later (a frame later), it would jump back over letters typed in between.
  const pendingCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    inputRef.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [text]);
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);

  async function attach(file: File) {
    setError(null);
    setUploading(file.name);
    try {
      await onAttach(file);
    } catch (e) {
      setError(
        e instanceof AttachmentTooLargeError
          ? t('composer.fileTooLarge', { name: e.fileName, size: formatSize(e.size), limit: formatSize(e.limit) })
          : t('composer.uploadFailed', { name: file.name }),
      );
    } finally {
      setUploading(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  useEffect(() => {
    if (replyTo) inputRef.current?.focus();
  }, [replyTo]);
  // A new "Edit" request takes over the field at once (state adjusted while rendering, not in an effect).
  const [seenEditSeq, setSeenEditSeq] = useState(0);
  if (editRequest && editRequest.seq !== seenEditSeq) {
    setSeenEditSeq(editRequest.seq);
    setEditing(editRequest.item);
    setText(editRequest.item.body);
    setMentions([]);
  }
  useEffect(() => {
    if (seenEditSeq > 0) inputRef.current?.focus();
  }, [seenEditSeq]);
  const [seenInsertSeq, setSeenInsertSeq] = useState(0);
  if (insertRequest && insertRequest.seq !== seenInsertSeq) {
    setSeenInsertSeq(insertRequest.seq);
    const next = text.trim() === '' ? insertRequest.text : `${text.replace(/\s+$/, '')}\n\n${insertRequest.text}`;
    setText(next);
  }
  useEffect(() => {
    const field = inputRef.current;
    if (seenInsertSeq === 0 || !field) return;
    // The answer is written after the quote.
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [seenInsertSeq]);

  async function submit() {
    const message = text.trim();
    if (!message) return;
    // A mistyped command is explained and kept, never sent as a message by surprise.
    const command = editing ? null : parseCommand(message);
    if (command?.kind === 'invalid') {
      setError(t(`composer.command.${command.reason}`, { command: command.command }));
      return;
    }
    setError(null);
    const mode = editing ? { kind: 'edit' as const, eventId: editing.eventId } : { kind: 'new' as const };
    const sentMentions = mentions;
    setMentions([]);
    setMention(null);
    // Clear first: the message shows in the timeline as pending; on failure the text comes back.
    setText('');
    setEditing(null);
    onTyping(false);
    try {
      await onSend(message, mode, sentMentions);
    } catch {
      setText(message);
      setError(t('composer.sendFailed'));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention) {
      const count = mention.options.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, active: (mention.active + step + count) % count });
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const option = mention.options[mention.active];
        if (option) choose(option);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'ArrowUp' && text === '' && lastOwnMessage) {
      event.preventDefault();
      setEditing(lastOwnMessage);
      setText(lastOwnMessage.body);
    } else if (event.key === 'Escape' && (editing || replyTo)) {
      setEditing(null);
      setText('');
      onCancelReply();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {replyTo || editing ? (
        <div className="composer-context">
          <span>{editing ? t('composer.editing') : t('composer.replyingTo', { name: replyTo?.senderName })}</span>
          <button
            type="button"
            className="link-button small"
            onClick={() => {
              setEditing(null);
              onCancelReply();
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {uploading ? (
        <p className="muted small" role="status">
          {t('composer.uploading', { name: uploading })}
        </p>
      ) : null}
      <div className="composer-row">
        <input
          ref={fileRef}
          id="composer-file"
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void attach(file);
          }}
        />
        <button
          type="button"
          className="button button-secondary button-icon-text composer-attach"
          title={t('composer.attach')}
          onClick={() => fileRef.current?.click()}
          disabled={uploading !== null}
        >
          <AttachmentIcon aria-hidden="true" className="button-icon" />
          <span className="button-label">{t('composer.attach')}</span>
        </button>
        <label htmlFor="composer-input" className="visually-hidden">
          {t('composer.label')}
        </label>
        <textarea
          id="composer-input"
          ref={inputRef}
          rows={1}
          value={text}
          spellCheck={spellCheck}
          placeholder={t('composer.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            onTyping(e.target.value.length > 0);
            updateMention(e.target.value, e.target.selectionStart);
          }}
          // A textbox (as screen readers expect a message field to be) that drives a listbox:
          // aria-autocomplete and aria-activedescendant are valid on textbox.
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={mention ? `${listId}-${mention.active}` : undefined}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={t('composer.mentions')} className="mention-list" hidden={mention === null}>
          {mention?.options.map((option, index) => (
            <li
              key={option.userId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === mention.active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              <span className="mention-name">{option.name}</span> <span className="muted small">{option.userId}</span>
            </li>
          ))}
        </ul>
        <button type="submit" className="button button-primary inline button-icon-text composer-send" title={t('composer.send')}>
          <SendIcon aria-hidden="true" className="button-icon" />
          <span className="button-label">{t('composer.send')}</span>
        </button>
      </div>
    </form>
  );
}
