// "View source" (developer mode only): the event as JSON; for an encrypted event, the decrypted event
// and the original as the server holds it.
import type { MatrixEvent } from 'matrix-js-sdk';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';

export interface ViewSourceDialogProps {
  event: MatrixEvent | null;
  onClose: () => void;
}

export function ViewSourceDialog({ event, onClose }: ViewSourceDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('viewSource.title')} open={event !== null} onClose={onClose}>
      {event ? (
        <div className="view-source">
          <p className="small">{t('viewSource.roomId', { id: event.getRoomId() ?? '' })}</p>
          <p className="small">{t('viewSource.eventId', { id: event.getId() ?? '' })}</p>
          {event.isEncrypted() ? (
            <>
              <SourceBlock title={t('viewSource.decrypted')} json={event.getEffectiveEvent()} />
              <SourceBlock title={t('viewSource.original')} json={event.event} />
            </>
          ) : (
            <SourceBlock title={t('viewSource.event')} json={event.event} />
          )}
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

function SourceBlock({ title, json }: { title: string; json: unknown }) {
  const id = useId();
  return (
    <section className="view-source-block">
      <h3 id={id}>{title}</h3>
      {/* Focusable, so a keyboard can scroll a long event. */}
      <pre tabIndex={0} aria-labelledby={id}>
        {JSON.stringify(json, null, 2)}
      </pre>
    </section>
  );
}
