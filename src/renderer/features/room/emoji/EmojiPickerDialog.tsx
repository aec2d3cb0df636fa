// The emoji picker, a modal dialog "Emoji" next to the button that opened it: quick reactions, search
// in the interface language, skin tone, "Frequently used" then every category. frimousse draws the
// grid (arrow keys move in it from the search field, Enter picks); the native <dialog> traps focus,
// closes on Escape and gives the focus back to the button.
import {
  EmojiPicker,
  type EmojiPickerListCategoryHeaderProps,
  type EmojiPickerListEmojiProps,
  type EmojiPickerListRowProps,
} from 'frimousse';
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { placeNextTo } from '../../../ui/placeNextTo.ts';
import { frequentResolver, pickerLocale } from './emojiData.ts';
import { handIn, nextSkinTone, savedSkinTone, saveSkinTone } from './skinTone.ts';
import { useRecentEmoji } from './useRecentEmoji.ts';
import './emojiPicker.css';

/**
 * Fully qualified, as Emojibase and Element write them, so reactions add up with other clients'. Named
 * from the translations, not the dataset, so they work before (or without) it loading.
 */
export const QUICK_REACTIONS = [
  { emoji: '\u{1F44D}\u{FE0F}', name: 'thumbsUp' },
  { emoji: '\u{2764}\u{FE0F}', name: 'heart' },
  { emoji: '\u{1F602}', name: 'joy' },
  { emoji: '\u{1F62E}', name: 'surprise' },
  { emoji: '\u{1F622}', name: 'sad' },
  { emoji: '\u{1F389}', name: 'party' },
] as const;

export interface EmojiPickerDialogProps {
  /** The button that opened the picker: the dialog sits next to it, and the focus returns to it. */
  anchor: HTMLElement | null;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

export function EmojiPickerDialog({ anchor, onPick, onClose }: EmojiPickerDialogProps) {
  const { t, i18n } = useTranslation();
  const locale = pickerLocale(i18n.language);
  const ref = useRef<HTMLDialogElement>(null);
  const { frequent, recordUse } = useRecentEmoji();
  // Made once per opening: frimousse reads a resolver when it mounts (emojiData.ts).
  const [resolver] = useState(() => frequentResolver(frequent, t('emoji.frequent')));
  const [tone, setTone] = useState(savedSkinTone);
  const searchRef = useRef<HTMLInputElement>(null);

  // Opened, measured (a closed dialog has no size), placed and focused before the first paint.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    if (anchor) {
      const place = placeNextTo(anchor.getBoundingClientRect(), dialog.getBoundingClientRect(), {
        width: window.innerWidth,
        height: window.innerHeight,
      });
      dialog.style.top = `${place.top}px`;
      dialog.style.left = `${place.left}px`;
    }
    // Searching is what one does first; the dialog alone would focus the first quick reaction.
    searchRef.current?.focus();
  }, [anchor]);

  function close() {
    ref.current?.close();
  }
  function pick(emoji: string) {
    recordUse(emoji);
    onPick(emoji);
    close();
  }

  return createPortal(
    <dialog
      ref={ref}
      className="emoji-picker"
      aria-label={t('emoji.title')}
      onClose={() => {
        anchor?.focus();
        onClose();
      }}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(event) => {
        if (event.target === event.currentTarget) close();
      }}
    >
      <div className="emoji-picker-content">
        <div className="emoji-picker-top">
          <div className="emoji-quick" role="group" aria-label={t('emoji.quick')}>
            {QUICK_REACTIONS.map(({ emoji, name }) => {
              const label = t('emoji.reactWith', { label: t(`emoji.names.${name}`) });
              return (
                <button
                  key={emoji}
                  type="button"
                  className="emoji-quick-button"
                  aria-label={label}
                  title={label}
                  onClick={() => pick(emoji)}
                >
                  {emoji}
                </button>
              );
            })}
          </div>
          <button
            type="button"
            className="emoji-quick-button emoji-skin-tone"
            aria-label={t('emoji.skinTone', { tone: t(`emoji.tones.${tone}`) })}
            title={t('emoji.skinTone', { tone: t(`emoji.tones.${tone}`) })}
            onClick={() => {
              const next = nextSkinTone(tone);
              setTone(next);
              saveSkinTone(next);
            }}
          >
            {handIn(tone)}
          </button>
        </div>
        <EmojiPicker.Root
          className="emoji-picker-root"
          locale={locale}
          resolveEmojiData={resolver}
          skinTone={tone}
          columns={8}
          onEmojiSelect={({ emoji }) => pick(emoji)}
        >
          <EmojiPicker.Search
            ref={searchRef}
            className="emoji-search"
            aria-label={t('emoji.search')}
            placeholder={t('emoji.search')}
          />
          {/* Focusable, so the keyboard can scroll it (and frimousse moves in the grid from there). */}
          <EmojiPicker.Viewport className="emoji-viewport" tabIndex={0} role="group" aria-label={t('emoji.list')}>
            <EmojiPicker.Loading className="emoji-status">{t('emoji.loading')}</EmojiPicker.Loading>
            <EmojiPicker.Empty className="emoji-status">{t('emoji.empty')}</EmojiPicker.Empty>
            <EmojiPicker.List
              className="emoji-list"
              aria-label={t('emoji.list')}
              components={{ CategoryHeader, Row, Emoji: EmojiButton }}
            />
          </EmojiPicker.Viewport>
        </EmojiPicker.Root>
      </div>
    </dialog>,
    document.body,
  );
}

function CategoryHeader({ category, ...props }: EmojiPickerListCategoryHeaderProps) {
  return (
    <div {...props} className="emoji-category">
      {category.label}
    </div>
  );
}

// frimousse counts rows and columns from 0; ARIA counts them from 1.
function Row({ children, ...props }: EmojiPickerListRowProps) {
  const index = props['aria-rowindex'];
  return (
    <div {...props} aria-rowindex={index === undefined ? undefined : index + 1}>
      {children}
    </div>
  );
}

function EmojiButton({ emoji, ...props }: EmojiPickerListEmojiProps) {
  const column = props['aria-colindex'];
  return (
    <button
      type="button"
      {...props}
      aria-colindex={column === undefined ? undefined : column + 1}
      className="emoji-cell"
      title={emoji.label}
    >
      {emoji.emoji}
    </button>
  );
}
