import { AttachmentIcon, SendIcon } from '@vector-im/compound-design-tokens/assets/web/icons';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserSettings } from '../../app/UserSettingsContext.ts';
import { keyboardPlatform } from '../../app/shell/shortcuts.ts';
import { commandSuggestions, completeCommand, parseCommand, type CommandName } from '../../matrix/commands.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { MentionSuggestions, mentionOptionId } from './MentionSuggestions.tsx';
import { CommandSuggestions, commandOptionId } from './CommandSuggestions.tsx';
import { FormattingToggle, FormattingToolbar, useFormattingToggle } from './FormattingToolbar.tsx';
import { applyFormat, shortcutFormat, type MarkdownFormat } from './markdownFormat.ts';
import { SendFilesDialog } from './SendFilesDialog.tsx';
import { filesOf, useComposerFiles, type SendComposerFiles } from './useComposerFiles.ts';
import './composer.css';
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
  /** The files of the "Send files" dialog, each with its caption, sent where this composer writes. */
  onAttachFiles: SendComposerFiles;
  /** Files dropped on the room or the thread: a new `seq` adds them to the "Send files" dialog. */
  incomingFiles?: { files: readonly File[]; seq: number } | null | undefined;
  /** What was being written here before (a room switch, a restart); the edit only if its message is loaded. */
  initialDraft?: ComposerDraft | undefined;
  /** "Edit" chosen on a message: a new `seq` starts editing `item` (its text in the field, focused). */
  editRequest?: { item: TimelineItem; seq: number } | null | undefined;
  /** "Quote" chosen on a message: a new `seq` adds `text` after what is written, and focuses the field. */
  insertRequest?: { text: string; seq: number } | null | undefined;
  /** Told of every change to the text, its mentions or the edit under way, to keep it as a draft. */
  onDraftChange?: ((draft: ComposerDraftChange) => void) | undefined;
  /** A second composer on the page (a thread's) needs its own field id, name and hint. */
  field?: { id: string; label: string; placeholder: string } | undefined;
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
  onAttachFiles,
  incomingFiles,
  members,
  myUserId,
  initialDraft,
  onDraftChange,
  editRequest,
  field,
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
  const files = useComposerFiles(onAttachFiles);
  const [seenFilesSeq, setSeenFilesSeq] = useState(0);
  if (incomingFiles && incomingFiles.seq !== seenFilesSeq) {
    setSeenFilesSeq(incomingFiles.seq);
    files.add(incomingFiles.files);
  }

  // Commands offered while "/…" is typed at the start; Escape closes the list until the text changes.
  const commandListId = useId();
  const [commandActive, setCommandActive] = useState(0);
  const [commandsClosedAt, setCommandsClosedAt] = useState<string | null>(null);
  const commands = editing || mention || commandsClosedAt === text ? [] : commandSuggestions(text);
  const activeCommand = Math.min(commandActive, Math.max(0, commands.length - 1));
  function chooseCommand(name: CommandName) {
    // The whole text is replaced, so the browser leaves the caret at its end, after the space.
    setText(completeCommand(name));
    setCommandActive(0);
  }

  // The selection a formatting button leaves, set once its text is in the field (as pendingCaret).
  const pendingSelection = useRef<[number, number] | null>(null);
  const formatting = useFormattingToggle();
  const mac = keyboardPlatform(navigator.userAgent) === 'mac';
  function format(kind: MarkdownFormat) {
    const input = inputRef.current;
    if (!input) return;
    const next = applyFormat({ text, selectionStart: input.selectionStart, selectionEnd: input.selectionEnd }, kind);
    setText(next.text);
    onTyping(next.text.length > 0);
    pendingSelection.current = [next.selectionStart, next.selectionEnd];
    input.focus();
  }
  useLayoutEffect(() => {
    if (pendingSelection.current === null) return;
    inputRef.current?.setSelectionRange(...pendingSelection.current);
    pendingSelection.current = null;
  }, [text]);

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
    const shortcut = shortcutFormat(event, mac);
    if (shortcut) {
      event.preventDefault();
      format(shortcut);
      return;
    }
    if (commands.length > 0) {
      const count = commands.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setCommandActive((activeCommand + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const name = commands[activeCommand];
        if (name) chooseCommand(name);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setCommandsClosedAt(text);
        return;
      }
    }
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
    <>
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
        {formatting.open ? <FormattingToolbar onFormat={format} commandKey={mac ? '⌘' : 'Ctrl'} /> : null}
        <div className="composer-row">
          <input
            ref={fileRef}
            id={`${field?.id ?? 'composer'}-file`}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              files.add(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
          <button
            type="button"
            className="button button-secondary button-icon-text composer-attach"
            title={t('composer.attach')}
            onClick={() => fileRef.current?.click()}
          >
            <AttachmentIcon aria-hidden="true" className="button-icon" />
            <span className="button-label">{t('composer.attach')}</span>
          </button>
          <FormattingToggle open={formatting.open} onToggle={formatting.toggle} />
          <label htmlFor={field?.id ?? 'composer-input'} className="visually-hidden">
            {field?.label ?? t('composer.label')}
          </label>
          <textarea
            id={field?.id ?? 'composer-input'}
            ref={inputRef}
            rows={1}
            value={text}
            spellCheck={spellCheck}
            placeholder={field?.placeholder ?? t('composer.placeholder')}
            onChange={(e) => {
              setText(e.target.value);
              setCommandActive(0);
              onTyping(e.target.value.length > 0);
              updateMention(e.target.value, e.target.selectionStart);
            }}
            onPaste={(e) => {
              // Pictures and files from the clipboard go to "Send files"; text pastes as usual.
              const pasted = filesOf(e.clipboardData);
              if (pasted.length === 0) return;
              e.preventDefault();
              files.add(pasted);
            }}
            // A textbox (as screen readers expect a message field to be) that drives a listbox:
            // aria-autocomplete and aria-activedescendant are valid on textbox.
            aria-autocomplete="list"
            // aria-expanded belongs to a combobox, a role a <textarea> may not take: the open list is
            // told by aria-controls pointing at it and the option by aria-activedescendant.
            aria-controls={commands.length > 0 ? commandListId : listId}
            aria-activedescendant={
              mention
                ? mentionOptionId(listId, mention.active)
                : commands.length > 0
                  ? commandOptionId(commandListId, activeCommand)
                  : undefined
            }
            onKeyDown={onKeyDown}
          />
          <MentionSuggestions id={listId} options={mention?.options ?? null} active={mention?.active ?? 0} onChoose={choose} />
          <CommandSuggestions id={commandListId} options={commands} active={activeCommand} onChoose={chooseCommand} />
          <button
            type="submit"
            className="button button-primary inline button-icon-text composer-send"
            title={t('composer.send')}
          >
            <SendIcon aria-hidden="true" className="button-icon" />
            <span className="button-label">{t('composer.send')}</span>
          </button>
        </div>
      </form>
      {/* Outside the composer's form: a dialog's form may not nest in it. */}
      <SendFilesDialog
        files={files.files}
        onRemove={files.remove}
        onCaption={files.setCaption}
        onCancel={files.clear}
        onSend={files.send}
        describeError={files.describeError}
      />
    </>
  );
}
