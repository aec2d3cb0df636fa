// A room's options from the room list itself, as Element's "…" beside each room: Favourite and Low
// priority (ticked when set), Mark as read when something is unread, and Leave. The button shows on
// hover and keyboard focus (roomList.css); it is always in the Tab order, after its room.
import {
  ArrowDownIcon,
  CheckIcon,
  FavouriteIcon,
  LeaveIcon,
  MarkAsReadIcon,
  OverflowHorizontalIcon,
} from '@vector-im/compound-design-tokens/assets/web/icons';
import { Menu, MenuItem, Separator } from '@vector-im/compound-web';
import { useState, type ComponentType, type SVGAttributes } from 'react';
import type { TFunction } from 'i18next';
import type { RoomSummary } from '../../matrix/roomList.ts';
import type { RoomListPlace } from '../../matrix/roomTags.ts';
import { hasUnread } from './roomLinkLabel.ts';

/** What the list's owner does for a room's options; the list itself only shows them. */
export interface RoomOptionsHandlers {
  onMarkRead: (roomId: string) => void;
  onMove: (roomId: string, place: RoomListPlace) => void;
  /** Asks first ("Leave room?"): leaving a private room is hard to undo. */
  onLeave: (roomId: string) => void;
}

/** `t` comes from the list: a translation hook per row would cost thousands of them. */
export function RoomOptionsMenu({ t, room, handlers }: { t: TFunction; room: RoomSummary; handlers: RoomOptionsHandlers }) {
  const [open, setOpen] = useState(false);
  // The menu (with its popper, focus group and collections: some seventy components) is built the
  // first time it is asked for, not for each of the thousands of rows: until then the button alone.
  const [wanted, setWanted] = useState(false);
  const label = t('rooms.options.open', { name: room.name });
  const button = (onClick?: () => void) => (
    <button
      type="button"
      className="room-options"
      aria-label={label}
      title={label}
      {...(onClick ? { 'aria-haspopup': 'menu' as const, 'aria-expanded': false, onClick } : {})}
    >
      <OverflowHorizontalIcon aria-hidden="true" />
    </button>
  );
  if (!wanted)
    return button(() => {
      setWanted(true);
      setOpen(true);
    });
  return (
    <Menu title={label} showTitle={false} open={open} onOpenChange={setOpen} side="bottom" align="end" trigger={button()}>
      <PlaceItem
        label={t('rooms.options.favourite')}
        Icon={FavouriteIcon}
        checked={room.favourite === true}
        onSelect={() => handlers.onMove(room.roomId, room.favourite ? 'normal' : 'favourite')}
      />
      <PlaceItem
        label={t('rooms.options.lowPriority')}
        Icon={ArrowDownIcon}
        checked={room.lowPriority === true}
        onSelect={() => handlers.onMove(room.roomId, room.lowPriority ? 'normal' : 'lowPriority')}
      />
      {hasUnread(room) ? (
        <MenuItem
          label={t('rooms.options.markRead')}
          Icon={MarkAsReadIcon}
          hideChevron
          onSelect={() => handlers.onMarkRead(room.roomId)}
        />
      ) : null}
      <Separator />
      <MenuItem
        label={t('rooms.options.leave')}
        Icon={LeaveIcon}
        kind="critical"
        hideChevron
        onSelect={() => handlers.onLeave(room.roomId)}
      />
    </Menu>
  );
}

/**
 * A ticked item, as a menuitemcheckbox with a tick drawn after the label. Compound's CheckboxMenuItem
 * puts a real checkbox inside the menu item, which is one interactive control nested in another (axe:
 * nested-interactive).
 */
function PlaceItem(props: {
  label: string;
  Icon: ComponentType<SVGAttributes<SVGElement>>;
  checked: boolean;
  onSelect: () => void;
}) {
  return (
    <MenuItem
      role="menuitemcheckbox"
      aria-checked={props.checked}
      label={props.label}
      Icon={props.Icon}
      hideChevron
      onSelect={props.onSelect}
    >
      {props.checked ? <CheckIcon aria-hidden="true" className="room-options-tick" /> : null}
    </MenuItem>
  );
}
