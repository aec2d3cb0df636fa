// The emoji picker, a modal dialog "Emoji" next to the button that opened it: quick reactions, search
// in the interface language, skin tone, "Frequently used" then every category. frimousse draws the
// grid (arrow keys move in it from the search field, Enter picks); the native <dialog> traps focus,
// closes on Escape and gives the focus back to the button.
import { EmojiPicker, type EmojiPickerListCategoryHeaderProps, type EmojiPickerListEmojiProps } from 'frimousse';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { placeNextTo } from '../../../ui/placeNextTo.ts';
import { frequentResolver, loadEmojiData, pickerLocale } from './emojiData.ts';
import { handIn, nextSkinTone, savedSkinTone, saveSkinTone } from './skinTone.ts';
import { useRecentEmoji } from './useRecentEmoji.ts';
import './emojiPicker.css';

/** Fully qualified, as Emojibase and Element write them, so reactions add up with other clients'. */
export const QUICK_REACTIONS = ['\u{1F44D}\u{FE0F}', '\u{2764}\u{FE0F}', '\u{1F602}', '\u{1F62E}', '\u{1F622}', '\u{1F389}'];

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
  const labels = useQuickLabels(locale);
  const [position, setPosition] = useState<CSSProperties>({ visibility: 'hidden' });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog || !anchor) return;
    setPosition(
      placeNextTo(anchor.getBoundingClientRect(), dialog.getBoundingClientRect(), {
        width: window.innerWidth,
        height: window.innerHeight,
      }),
    );
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
      style={position}
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
            {QUICK_REACTIONS.map((emoji) => {
              const label = t('emoji.reactWith', { label: labels.get(emoji) ?? emoji });
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
          <EmojiPicker.Search className="emoji-search" aria-label={t('emoji.search')} placeholder={t('emoji.search')} autoFocus />
          <EmojiPicker.Viewport className="emoji-viewport">
            <EmojiPicker.Loading className="emoji-status">{t('emoji.loading')}</EmojiPicker.Loading>
            <EmojiPicker.Empty className="emoji-status">{t('emoji.empty')}</EmojiPicker.Empty>
            <EmojiPicker.List
              className="emoji-list"
              aria-label={t('emoji.list')}
              components={{ CategoryHeader, Emoji: EmojiButton }}
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

function EmojiButton({ emoji, ...props }: EmojiPickerListEmojiProps) {
  return (
    <button type="button" {...props} className="emoji-cell" title={emoji.label}>
      {emoji.emoji}
    </button>
  );
}

/** The quick reactions' names in the interface language, from the same dataset (the emoji until it loads). */
function useQuickLabels(locale: 'en' | 'fr'): Map<string, string> {
  const [labels, setLabels] = useState(new Map<string, string>());
  useEffect(() => {
    let current = true;
    void loadEmojiData(locale).then(
      (data) => {
        if (!current) return;
        const named = new Map<string, string>();
        for (const e of data.emojis) {
          if (QUICK_REACTIONS.includes(e.emoji))
            named.set(e.emoji, e.label.charAt(0).toLocaleLowerCase(locale) + e.label.slice(1));
        }
        setLabels(named);
      },
      () => undefined, // the picker itself says the data could not load
    );
    return () => {
      current = false;
    };
  }, [locale]);
  return labels;
}
