// "New direct message" and "Invite": find people by name (PeoplePicker), then act on them. A full
// Matrix ID typed and not picked still counts, so nobody outside the directory is out of reach. What
// fails is said per person and stays chosen, to try again; what succeeded is not repeated.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { isValidUserId } from '../../matrix/roomActions.ts';
import { label, type Person } from '../../matrix/people/peopleSearch.ts';
import { rendererLogger } from '../../platform/log.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { useAvatarCache } from '../rooms/useAvatarCache.ts';
import { PeoplePicker } from './PeoplePicker.tsx';

export interface PeopleDialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  submitLabel: string;
  multiple: boolean;
  exclude?: ReadonlySet<string>;
  /** Acts on one person; a rejection is shown with `failureMessage` and keeps them chosen. */
  act: (person: Person) => Promise<void>;
  failureMessage: (names: string) => string;
}

export function PeopleDialog(props: PeopleDialogProps) {
  return (
    <Dialog title={props.title} open={props.open} onClose={props.onClose}>
      {/* Mounted only while open: each opening starts empty. */}
      {props.open ? <PeopleForm {...props} /> : null}
    </Dialog>
  );
}

function PeopleForm({ onClose, submitLabel, multiple, exclude, act, failureMessage }: PeopleDialogProps) {
  const { t } = useTranslation();
  const client = useClient();
  const avatars = useAvatarCache(client);
  // Tchap finds people by their professional e-mail address too (looked up on the identity server).
  const tchap = useAppConfig().tchap?.enabled === true;
  const [selected, setSelected] = useState<Person[]>([]);
  const [term, setTerm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = term.trim();
    if (typed !== '' && !isValidUserId(typed)) {
      setError(t('people.errors.choose'));
      return;
    }
    const typedPerson: Person[] = typed === '' ? [] : [{ userId: typed, displayName: null, avatarMxc: null }];
    const people = multiple ? [...selected, ...typedPerson] : typedPerson.length > 0 ? typedPerson : selected;
    if (people.length === 0) {
      setError(t('people.errors.choose'));
      return;
    }
    if (people.some((person) => person.userId === client.getSafeUserId())) {
      setError(t('dm.errors.self'));
      return;
    }
    setBusy(true);
    setError(null);
    const failed: Person[] = [];
    for (const person of people) {
      try {
        await act(person);
      } catch (problem) {
        rendererLogger('ui').swallow('a people dialog action')(problem);
        failed.push(person);
      }
    }
    setBusy(false);
    if (failed.length === 0) {
      onClose();
      return;
    }
    setSelected(failed);
    setTerm('');
    setError(failureMessage(failed.map(label).join(', ')));
  }

  return (
    <form className="dialog-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <PeoplePicker
        label={tchap ? t('people.labelTchap') : t('people.label')}
        hint={tchap ? t('people.hintTchap') : t('people.hint')}
        selected={selected}
        multiple={multiple}
        onChange={(people) => {
          setSelected(people);
          setError(null);
        }}
        exclude={exclude}
        avatars={avatars}
        term={term}
        onTermChange={setTerm}
      />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary inline" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
