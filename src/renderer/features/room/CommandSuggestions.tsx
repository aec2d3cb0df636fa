// The list of commands offered while "/…" is typed at the start of the composer. The composer's
// textbox keeps the focus and drives it (↑/↓, Tab or Enter to complete, Escape to close) through
// aria-activedescendant, as its mention list does.
import { useTranslation } from 'react-i18next';
import type { CommandName } from '../../matrix/commands.ts';

export interface CommandSuggestionsProps {
  id: string;
  options: readonly CommandName[];
  active: number;
  onChoose: (name: CommandName) => void;
}

export function commandOptionId(listId: string, index: number): string {
  return `${listId}-${index}`;
}

export function CommandSuggestions({ id, options, active, onChoose }: CommandSuggestionsProps) {
  const { t } = useTranslation();
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={t('composer.commandList')}
      className="mention-list command-list"
      hidden={options.length === 0}
    >
      {options.map((name, index) => (
        <li
          key={name}
          id={commandOptionId(id, index)}
          role="option"
          aria-selected={index === active}
          onMouseDown={(e) => {
            // Keeps the focus (and the caret) in the textbox.
            e.preventDefault();
            onChoose(name);
          }}
        >
          <span className="mention-name">/{name}</span> <span className="muted small">{t(`composer.commandHelp.${name}`)}</span>
        </li>
      ))}
    </ul>
  );
}
