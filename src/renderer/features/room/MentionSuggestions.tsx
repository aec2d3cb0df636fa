// The "@" suggestions under the message field: a listbox the field drives (aria-activedescendant),
// each person with name and Matrix ID; a press picks without taking the focus from the field.
import { useTranslation } from 'react-i18next';
import type { MentionCandidate } from '../../matrix/mentions.ts';

export interface MentionSuggestionsProps {
  id: string;
  /** null while no "@" is being typed: the list is hidden. */
  options: readonly MentionCandidate[] | null;
  active: number;
  onChoose: (option: MentionCandidate) => void;
}

/** The id of the option the field points at (aria-activedescendant). */
export function mentionOptionId(listId: string, index: number): string {
  return `${listId}-${index}`;
}

export function MentionSuggestions({ id, options, active, onChoose }: MentionSuggestionsProps) {
  const { t } = useTranslation();
  return (
    <ul id={id} role="listbox" aria-label={t('composer.mentions')} className="mention-list" hidden={options === null}>
      {options?.map((option, index) => (
        <li
          key={option.userId}
          id={mentionOptionId(id, index)}
          role="option"
          aria-selected={index === active}
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(option);
          }}
        >
          <span className="mention-name">{option.name}</span> <span className="muted small">{option.userId}</span>
        </li>
      ))}
    </ul>
  );
}
