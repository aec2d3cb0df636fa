import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inspectLinksInText, parseTeamsInvitation } from '../../../shared/teams/index.ts';
import type { TeamsMeeting } from '../../../shared/teams/types.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TeamsMeetingCard } from './TeamsMeetingCard.tsx';

type Result = { kind: 'meeting'; meeting: TeamsMeeting } | { kind: 'opaque' } | { kind: 'none' } | null;

/** Paste a Teams link or a whole invitation (email text or .ics) and get the card for it. */
export function JoinTeamsDialog({
  open,
  onClose,
  initialText = '',
}: {
  open: boolean;
  onClose: () => void;
  initialText?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialText);
  const [result, setResult] = useState<Result>(null);

  function check(value: string) {
    const invitation = parseTeamsInvitation(value);
    if (invitation?.meeting) return setResult({ kind: 'meeting', meeting: invitation.meeting });
    const inspections = inspectLinksInText(value);
    const found = inspections.find((i) => i.status === 'meeting');
    if (found?.status === 'meeting') return setResult({ kind: 'meeting', meeting: found.meeting });
    setResult(
      inspections.some((i) => i.status === 'opaque-wrapper') || (invitation && invitation.opaqueWrappers.length > 0)
        ? { kind: 'opaque' }
        : { kind: 'none' },
    );
  }

  return (
    <Dialog title={t('teams.dialogTitle')} open={open} onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          check(text);
        }}
      >
        <label htmlFor="teams-input" className="field-label">
          {t('teams.inputLabel')}
        </label>
        <textarea id="teams-input" className="teams-input" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        {result?.kind === 'meeting' ? <TeamsMeetingCard meeting={result.meeting} /> : null}
        {result && result.kind !== 'meeting' ? (
          <p className="alert alert-error" role="alert">
            {t(result.kind === 'opaque' ? 'teams.opaque' : 'teams.notTeams')}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="submit" className="button button-primary inline">
            {t('teams.check')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
