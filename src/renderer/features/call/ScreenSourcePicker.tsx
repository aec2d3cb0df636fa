// Our own screen/window picker for Electron (Chromium inside Electron shows none). Sources are
// radio buttons: arrow keys move between them, Enter on "Share" confirms.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenSource } from '../../platform/Platform.ts';
import { Dialog } from '../../ui/Dialog.tsx';

export function ScreenSourcePicker(props: {
  sources: ScreenSource[] | null;
  onChoose: (id: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const name = useId();
  const sources = props.sources ?? [];
  const chosen = sources.some((s) => s.id === selected) ? selected : (sources[0]?.id ?? null);
  return (
    <Dialog title={t('call.pickerTitle')} open={props.sources !== null} onClose={props.onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen !== null) props.onChoose(chosen);
        }}
      >
        <fieldset className="screen-sources">
          <legend>{t('call.pickerHint')}</legend>
          {sources.length === 0 ? <p>{t('call.pickerEmpty')}</p> : null}
          {sources.map((s) => (
            <label key={s.id} className="screen-source">
              <input type="radio" name={name} value={s.id} checked={chosen === s.id} onChange={() => setSelected(s.id)} />
              {s.thumbnail ? <img src={s.thumbnail} alt="" /> : null}
              <span>
                {s.name} <span className="muted small">({t(s.kind === 'screen' ? 'call.kindScreen' : 'call.kindWindow')})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary inline" disabled={chosen === null}>
            {t('call.share')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
