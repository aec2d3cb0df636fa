import { useTranslation } from 'react-i18next';
import type { SaveState } from './useSave.ts';
import './roomSettings.css';

/** "Saved" for screen readers and sighted people alike; a refusal as an alert with the server's reason. */
export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  if (state.kind === 'failed') {
    return (
      <p role="alert" className="alert alert-error">
        {t('roomSettings.saveFailed', { reason: state.reason })}
      </p>
    );
  }
  return (
    <p role="status" className="muted small room-settings-status">
      {state.kind === 'saved' ? t('roomSettings.saved') : state.kind === 'saving' ? t('roomSettings.saving') : ''}
    </p>
  );
}

/** Why a field is read-only, referenced by the field's aria-describedby. */
export function NotAllowed({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="lock">
      <span aria-hidden="true">🔒 </span>
      {t('roomSettings.notAllowed')}
    </p>
  );
}
