// The dialog shape shared by "New room", "Invite" and "New direct message": one labelled field,
// validation before anything is sent, a clear error that keeps what was typed, Cancel and a submit.
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';
import { TextField } from './TextField.tsx';
import { rendererLogger } from '../platform/log.ts';

export interface SingleFieldDialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  label: string;
  hint?: string;
  submitLabel: string;
  /** Identifiers and addresses are not prose: no spellcheck or capitalisation. */
  identifier?: boolean;
  /** A message when the value cannot be submitted, or null. */
  validate: (value: string) => string | null;
  /** Does the work; a rejection shows `failureMessage`. */
  submit: (value: string) => Promise<void>;
  failureMessage: (value: string) => string;
  children?: ReactNode;
}

export function SingleFieldDialog(props: SingleFieldDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    const problem = props.validate(trimmed);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.submit(trimmed);
      setValue('');
      props.onClose();
    } catch (error) {
      rendererLogger('ui').swallow('a dialog action')(error);
      setError(props.failureMessage(trimmed));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.title} open={props.open} onClose={props.onClose}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <TextField
          label={props.label}
          hint={props.hint}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          spellCheck={props.identifier ? false : undefined}
          autoCapitalize={props.identifier ? 'none' : undefined}
          autoFocus
        />
        {props.children}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary inline" disabled={busy}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
