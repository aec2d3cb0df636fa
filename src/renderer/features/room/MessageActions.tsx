// The message's actions, over its top-right corner while the pointer is on the message or the focus
// is in it: React (the emoji picker), Reply, Reply in thread (when the room view offers threads) and
// More options, a menu (Compound's, on Radix: arrow keys, Escape gives the focus back to the button).
import { Menu, MenuItem } from '@vector-im/compound-web';
import CodeIcon from '@vector-im/compound-design-tokens/assets/web/icons/code';
import DeleteIcon from '@vector-im/compound-design-tokens/assets/web/icons/delete';
import EditIcon from '@vector-im/compound-design-tokens/assets/web/icons/edit';
import ForwardIcon from '@vector-im/compound-design-tokens/assets/web/icons/forward';
import LinkIcon from '@vector-im/compound-design-tokens/assets/web/icons/link';
import OverflowHorizontalIcon from '@vector-im/compound-design-tokens/assets/web/icons/overflow-horizontal';
import PinIcon from '@vector-im/compound-design-tokens/assets/web/icons/pin';
import QuoteIcon from '@vector-im/compound-design-tokens/assets/web/icons/quote';
import ReactionIcon from '@vector-im/compound-design-tokens/assets/web/icons/reaction';
import ReplyIcon from '@vector-im/compound-design-tokens/assets/web/icons/reply';
import ThreadsIcon from '@vector-im/compound-design-tokens/assets/web/icons/threads';
import UnpinIcon from '@vector-im/compound-design-tokens/assets/web/icons/unpin';
import { useRef, useState, type ComponentType, type SVGAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../i18n/keys.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { menuActions, type MenuAbilities, type MenuAction } from './messageActions.ts';
import { ReactionPickerButton } from './ReactionPickerButton.tsx';
import './messageActions.css';

/** What the room offers in a message's "More options" menu, and what each item does. */
export interface MessageMenu {
  abilities: (item: TimelineItem) => MenuAbilities;
  onCopyLink: (item: TimelineItem) => void;
  onForward: (item: TimelineItem) => void;
  onQuote: (item: TimelineItem) => void;
  onTogglePin: (item: TimelineItem) => void;
  onViewSource: (item: TimelineItem) => void;
}

export interface MessageActionsProps {
  item: TimelineItem;
  tabStop: boolean;
  onReply: (item: TimelineItem) => void;
  onReact: (item: TimelineItem, key: string) => void;
  onDelete: (item: TimelineItem) => void;
  onEdit: (item: TimelineItem) => void;
  /** `from`: the button, where focus returns when the thread closes. */
  onReplyInThread?: ((item: TimelineItem, from: HTMLElement) => void) | undefined;
  menu?: MessageMenu | undefined;
}

const NO_ABILITIES: MenuAbilities = { redactOthers: false, pin: false, pinned: false, developerMode: false };

const ITEMS: Record<MenuAction, { label: TranslationKey; Icon: ComponentType<SVGAttributes<SVGElement>>; critical?: boolean }> = {
  edit: { label: 'timeline.edit', Icon: EditIcon },
  copyLink: { label: 'timeline.copyLink', Icon: LinkIcon },
  forward: { label: 'timeline.forward', Icon: ForwardIcon },
  quote: { label: 'timeline.quote', Icon: QuoteIcon },
  pin: { label: 'timeline.pin', Icon: PinIcon },
  unpin: { label: 'timeline.unpin', Icon: UnpinIcon },
  viewSource: { label: 'timeline.viewSource', Icon: CodeIcon },
  delete: { label: 'timeline.delete', Icon: DeleteIcon, critical: true },
};

/** Delete last, apart from the rest, as destructive items usually are. */
const ORDER: MenuAction[] = ['edit', 'copyLink', 'forward', 'quote', 'pin', 'unpin', 'viewSource', 'delete'];

export function MessageActions({
  item,
  tabStop,
  onReply,
  onReact,
  onDelete,
  onEdit,
  onReplyInThread,
  menu,
}: MessageActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const tabIndex = tabStop ? 0 : -1;
  // An item's action runs once the menu has closed and put the focus back on its button: run earlier,
  // the focus the action moves (the composer for Edit and Quote) would be taken back by the menu.
  const pending = useRef<(() => void) | null>(null);
  const flush = () => {
    const action = pending.current;
    pending.current = null;
    action?.();
  };
  const available = menuActions(item, menu?.abilities(item) ?? NO_ABILITIES);
  const run: Record<MenuAction, (item: TimelineItem) => void> = {
    edit: onEdit,
    delete: onDelete,
    copyLink: (i) => menu?.onCopyLink(i),
    forward: (i) => menu?.onForward(i),
    quote: (i) => menu?.onQuote(i),
    pin: (i) => menu?.onTogglePin(i),
    unpin: (i) => menu?.onTogglePin(i),
    viewSource: (i) => menu?.onViewSource(i),
  };
  return (
    <div className="message-toolbar" role="group" aria-label={t('timeline.actions')}>
      {item.pending ? null : (
        <ReactionPickerButton
          label={t('timeline.react')}
          className="message-toolbar-button"
          tabIndex={tabIndex}
          onPick={(emoji) => onReact(item, emoji)}
        >
          <ReactionIcon aria-hidden="true" />
        </ReactionPickerButton>
      )}
      <button
        type="button"
        className="message-toolbar-button"
        tabIndex={tabIndex}
        onClick={() => onReply(item)}
        aria-label={t('timeline.reply')}
        title={t('timeline.reply')}
      >
        <ReplyIcon aria-hidden="true" />
      </button>
      {onReplyInThread ? (
        <button
          type="button"
          className="message-toolbar-button"
          tabIndex={tabIndex}
          onClick={(event) => onReplyInThread(item, event.currentTarget)}
          aria-label={t('thread.replyInThread')}
          title={t('thread.replyInThread')}
        >
          <ThreadsIcon aria-hidden="true" />
        </button>
      ) : null}
      {available.length > 0 ? (
        <Menu
          title={t('timeline.moreOptions')}
          showTitle={false}
          open={open}
          onOpenChange={setOpen}
          side="bottom"
          align="end"
          trigger={
            <button
              type="button"
              className="message-toolbar-button"
              tabIndex={tabIndex}
              aria-label={t('timeline.moreOptions')}
              title={t('timeline.moreOptions')}
              onFocus={flush}
            >
              <OverflowHorizontalIcon aria-hidden="true" />
            </button>
          }
        >
          {ORDER.filter((action) => available.includes(action)).map((action) => {
            const { label, Icon, critical } = ITEMS[action];
            return (
              <MenuItem
                key={action}
                label={t(label)}
                Icon={Icon}
                kind={critical ? 'critical' : 'primary'}
                hideChevron
                onSelect={() => {
                  pending.current = () => run[action](item);
                  // Should the focus not come back (the row scrolled away), the action still runs.
                  window.setTimeout(flush, 300);
                }}
              />
            );
          })}
        </Menu>
      ) : null}
    </div>
  );
}
