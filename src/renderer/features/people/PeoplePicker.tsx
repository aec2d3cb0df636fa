// Choosing people by typing part of a name or Matrix ID: a combobox over a listbox of matches, each
// with avatar, name and Matrix ID, so two people with the same name can be told apart. The people
// chosen stay above the field, each with its own Remove button.
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvatarCache } from '../../matrix/avatars.ts';
import { label, type Person } from '../../matrix/people/peopleSearch.ts';
import { SenderAvatar } from '../room/SenderAvatar.tsx';
import { usePeopleSearch, type DirectoryStatus } from './usePeopleSearch.ts';
import './people.css';

export interface PeoplePickerProps {
  label: string;
  hint: string;
  selected: readonly Person[];
  /** Several people (an invitation), or one (a direct conversation): choosing again replaces. */
  multiple: boolean;
  onChange: (people: Person[]) => void;
  /** People already there (members of the room): not offered. */
  exclude?: ReadonlySet<string>;
  avatars: AvatarCache | undefined;
  term: string;
  onTermChange: (term: string) => void;
}

const NONE: ReadonlySet<string> = new Set();

export function PeoplePicker(props: PeoplePickerProps) {
  const { t } = useTranslation();
  const { selected, multiple, onChange, term, onTermChange } = props;
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const [active, setActive] = useState(0);
  const chosen = new Set(selected.map((person) => person.userId));
  const [exclude] = useState(() => new Set([...(props.exclude ?? NONE)]));
  const { people, status } = usePeopleSearch(term, exclude);
  const choices = people.filter((person) => !chosen.has(person.userId));
  const highlighted = Math.min(active, choices.length - 1);
  const open = choices.length > 0;

  function choose(person: Person | undefined) {
    if (!person) return;
    onChange(multiple ? [...selected, person] : [person]);
    onTermChange('');
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined && open) {
      event.preventDefault();
      setActive((highlighted + step + choices.length) % choices.length);
    } else if (event.key === 'Enter' && open) {
      // Picks the highlighted person; Enter with nothing offered submits the form as usual.
      event.preventDefault();
      choose(choices[highlighted]);
    } else if (event.key === 'Backspace' && term === '' && selected.length > 0) {
      onChange(selected.slice(0, -1));
    }
  }

  return (
    <div className="people-picker">
      {selected.length > 0 ? (
        <ul className="people-chosen" aria-label={t('people.chosen')}>
          {selected.map((person) => (
            <li key={person.userId} className="people-chip">
              <span>{label(person)}</span>
              <button
                type="button"
                className="people-chip-remove"
                aria-label={t('people.remove', { name: label(person) })}
                title={t('people.remove', { name: label(person) })}
                onClick={() => onChange(selected.filter((p) => p.userId !== person.userId))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={inputId}>{props.label}</label>
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          // The dialog opens on this field: it is the only thing to do first.
          autoFocus
          aria-describedby={hintId}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${highlighted}` : undefined}
          value={term}
          onChange={(event) => {
            onTermChange(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      </div>
      <ul id={listId} role="listbox" aria-label={t('people.results')} className="people-list">
        {choices.map((person, index) => (
          <li
            key={person.userId}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === highlighted}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(person);
            }}
          >
            <SenderAvatar userId={person.userId} name={label(person)} mxc={person.avatarMxc} avatars={props.avatars} />
            <span className="people-names">
              <span className="people-name">{label(person)}</span>
              {person.displayName ? <span className="people-id">{person.userId}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      <PeopleStatus status={status} term={term} open={open} />
    </div>
  );
}

function PeopleStatus({ status, term, open }: { status: DirectoryStatus; term: string; open: boolean }) {
  const { t } = useTranslation();
  let text = '';
  if (status === 'unavailable') text = t('people.directoryUnavailable');
  else if (status === 'no-account') text = t('people.noTchapAccount', { email: term.trim() });
  else if (status === 'lookup-unavailable') text = t('people.emailLookupUnavailable');
  else if (status === 'searching' && !open) text = t('people.searching');
  else if (status === 'done' && !open) text = t('people.noMatch', { term: term.trim() });
  return (
    <p className="muted small" role="status">
      {text}
    </p>
  );
}
