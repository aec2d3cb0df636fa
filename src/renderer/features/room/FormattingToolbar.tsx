// The optional formatting toolbar: a "Formatting" toggle (remembered on this device) that shows the
// Markdown buttons. One tab stop for the whole toolbar, arrows between its buttons (the ARIA toolbar
// pattern). The buttons never take the focus from the text: they act on the textbox's selection.
import BoldIcon from '@vector-im/compound-design-tokens/assets/web/icons/bold';
import CodeIcon from '@vector-im/compound-design-tokens/assets/web/icons/code';
import InlineCodeIcon from '@vector-im/compound-design-tokens/assets/web/icons/inline-code';
import ItalicIcon from '@vector-im/compound-design-tokens/assets/web/icons/italic';
import LinkIcon from '@vector-im/compound-design-tokens/assets/web/icons/link';
import ListBulletedIcon from '@vector-im/compound-design-tokens/assets/web/icons/list-bulleted';
import ListNumberedIcon from '@vector-im/compound-design-tokens/assets/web/icons/list-numbered';
import QuoteIcon from '@vector-im/compound-design-tokens/assets/web/icons/quote';
import StrikethroughIcon from '@vector-im/compound-design-tokens/assets/web/icons/strikethrough';
import TextFormattingIcon from '@vector-im/compound-design-tokens/assets/web/icons/text-formatting';
import { useState, type ComponentType, type KeyboardEvent, type SVGProps } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKDOWN_FORMATS, type MarkdownFormat } from './markdownFormat.ts';

const ICONS: Record<MarkdownFormat, ComponentType<SVGProps<SVGSVGElement>>> = {
  bold: BoldIcon,
  italic: ItalicIcon,
  strikethrough: StrikethroughIcon,
  'inline-code': InlineCodeIcon,
  'code-block': CodeIcon,
  quote: QuoteIcon,
  'bulleted-list': ListBulletedIcon,
  'numbered-list': ListNumberedIcon,
  link: LinkIcon,
};

const SHORTCUT_KEYS: Partial<Record<MarkdownFormat, string>> = { bold: 'B', italic: 'I', 'inline-code': 'E' };

const REMEMBERED = 'relais.composer.formatting';

function rememberedOpen(): boolean {
  try {
    return window.localStorage.getItem(REMEMBERED) === 'shown';
  } catch {
    return false; // storage refused (privacy mode): the toolbar starts hidden
  }
}

function remember(open: boolean): void {
  try {
    window.localStorage.setItem(REMEMBERED, open ? 'shown' : 'hidden');
  } catch {
    // Not remembered this time; nothing else depends on it.
  }
}

export function useFormattingToggle() {
  const [open, setOpen] = useState(rememberedOpen);
  return {
    open,
    toggle: () => {
      remember(!open);
      setOpen(!open);
    },
  };
}

export function FormattingToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="composer-icon-button"
      aria-pressed={open}
      aria-label={t('composer.formatting')}
      title={t('composer.formatting')}
      onClick={onToggle}
    >
      <TextFormattingIcon aria-hidden="true" />
    </button>
  );
}

export interface FormattingToolbarProps {
  onFormat: (format: MarkdownFormat) => void;
  /** ⌘ on macOS, Ctrl elsewhere, as the shortcuts are read. */
  commandKey: string;
}

export function FormattingToolbar({ onFormat, commandKey }: FormattingToolbarProps) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: MARKDOWN_FORMATS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + MARKDOWN_FORMATS.length) % MARKDOWN_FORMATS.length;
    setCurrent(index);
    event.currentTarget.querySelectorAll('button')[index]?.focus();
  }

  return (
    <div role="toolbar" aria-label={t('composer.formattingToolbar')} className="formatting-toolbar" onKeyDown={onKeyDown}>
      {MARKDOWN_FORMATS.map((format, index) => {
        const Icon = ICONS[format];
        const name = t(`composer.format.${format}`);
        const key = SHORTCUT_KEYS[format];
        return (
          <button
            key={format}
            type="button"
            className="composer-icon-button"
            tabIndex={index === current ? 0 : -1}
            aria-label={name}
            aria-keyshortcuts={key ? `${commandKey === '⌘' ? 'Meta' : 'Control'}+${key}` : undefined}
            title={key ? t('composer.formatWithShortcut', { name, keys: `${commandKey}+${key}` }) : name}
            // The textbox keeps its selection: the press must not move the focus there first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setCurrent(index);
              onFormat(format);
            }}
          >
            <Icon aria-hidden="true" />
          </button>
        );
      })}
    </div>
  );
}
