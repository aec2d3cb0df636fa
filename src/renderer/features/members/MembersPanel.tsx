// The "Members" side panel: who is in the room, by role (Admins, Moderators, Members) and who is
// invited, with a filter and Invite; choosing someone opens their card (PersonCard).
import type { Room } from 'matrix-js-sdk';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SidePanel } from '../../ui/SidePanel.tsx';
import type { AvatarCache } from '../../matrix/avatars.ts';
import { groupMembers, type MemberEntry, type MemberGroups } from '../../matrix/members.ts';
import { VerifiedIcon } from '@vector-im/compound-design-tokens/assets/web/icons';
import { SenderAvatar } from '../room/SenderAvatar.tsx';
import { useVerifiedMembers } from './useVerifiedMembers.ts';
import '../thread/thread.css';
import './members.css';

export interface MembersPanelProps {
  room: Room;
  members: readonly MemberEntry[];
  avatars: AvatarCache | undefined;
  onInvite: () => void;
  onOpenPerson: (userId: string) => void;
  onClose: () => void;
}

const GROUPS: readonly (keyof MemberGroups)[] = ['admin', 'moderator', 'member', 'invited'];

export function MembersPanel({ room, members, avatars, onInvite, onOpenPerson, onClose }: MembersPanelProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const groups = groupMembers(members, filter);
  const shown = GROUPS.reduce((n, key) => n + groups[key].length, 0);
  const verified = useVerifiedMembers(members.filter((m) => m.membership === 'join').map((m) => m.userId));

  return (
    <SidePanel title={t('members.title')} onClose={onClose} closeLabel={t('members.close')} className="members-panel">
      <div className="members-body">
        <div className="members-tools">
          <label htmlFor={filterId} className="visually-hidden">
            {t('members.filter')}
          </label>
          <input
            id={filterId}
            type="search"
            className="members-filter"
            placeholder={t('members.filter')}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          <button type="button" className="button button-secondary" onClick={onInvite}>
            {t('room.invite')}
          </button>
        </div>
        <p className="muted small" role="status">
          {filter.trim() === ''
            ? t('members.count', { count: room.getJoinedMemberCount() })
            : t('members.matching', { count: shown })}
        </p>
        {GROUPS.map((key) =>
          groups[key].length === 0 ? null : (
            <section key={key} aria-labelledby={`members-group-${key}`}>
              <h3 id={`members-group-${key}`} className="members-group-title">
                {t(`members.groups.${key}`)} · {groups[key].length}
              </h3>
              <ul className="members-list">
                {groups[key].map((member) => (
                  <li key={member.userId}>
                    <button type="button" className="members-entry" onClick={() => onOpenPerson(member.userId)}>
                      <SenderAvatar userId={member.userId} name={member.name} mxc={member.avatarMxc} avatars={avatars} />
                      <span className="members-names">
                        <span className="members-name">{member.name}</span>
                        <span className="members-id">{member.userId}</span>
                      </span>
                      {verified.has(member.userId) ? (
                        // In words, not by the icon alone: it is part of the button's name.
                        <span className="members-verified">
                          <VerifiedIcon aria-hidden="true" />
                          {t('members.verifiedShort')}
                        </span>
                      ) : null}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ),
        )}
      </div>
    </SidePanel>
  );
}
