// The "Legacy Teams meeting" card: what the organisation allows for this meeting, and why the
// other ways are not offered.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { routeTeamsMeeting, type TeamsActionKind } from '../../../shared/teams/routing.ts';
import type { TeamsMeeting } from '../../../shared/teams/types.ts';
import type { TranslationKey } from '../../i18n/keys.ts';

const ACTION_LABEL: Record<TeamsActionKind, TranslationKey> = {
  gateway: 'teams.joinGateway',
  isolated: 'teams.openIsolated',
  browser: 'teams.openBrowser',
};

export function TeamsMeetingCard({ meeting }: { meeting: TeamsMeeting }) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const managed = useManagedSettings();
  const [error, setError] = useState<string | null>(null);
  const route = routeTeamsMeeting(meeting, managed.settings.teamsBridge, new Date());
  const id = meeting.kind === 'meet' ? meeting.meetingId.replace(/(\d{3})(?=\d)/g, '$1 ') : null;

  return (
    <div className="teams-card" role="group" aria-label={t('teams.cardLabel')}>
      <p className="teams-card-title">{t('teams.cardLabel')}</p>
      <p className="muted small">{id ? t('teams.meetingId', { id }) : t(`teams.cloud.${meeting.cloud}`)}</p>
      {route.status === 'available' ? (
        <>
          <button
            type="button"
            className="button button-primary inline"
            onClick={() => {
              setError(null);
              platform.joinTeamsMeeting(meeting.canonicalUrl, route.action.kind).catch(() => setError(t('teams.failed')));
            }}
          >
            {t(ACTION_LABEL[route.action.kind])}
          </button>
          <p className="muted small">{t('teams.othersUnavailable')}</p>
        </>
      ) : (
        <p className="small">{t(`teams.status.${route.status}`, route.status === 'retired' ? { date: route.sunset } : {})}</p>
      )}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
