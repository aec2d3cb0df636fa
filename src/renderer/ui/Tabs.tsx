// Tabs as WAI-ARIA describes them: a named tablist whose tabs each control the one panel, labelled by
// its tab. Only the selected tab is in the Tab order (roving tabindex); arrows, Home and End move and
// select at once. A column beside the panel on a wide window, wrapping rows above it on a narrow one.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { tabIndexForKey } from './tabKeys.ts';
import { useMediaQuery } from './useMediaQuery.ts';
import './tabs.css';

export interface TabItem<Id extends string> {
  id: Id;
  label: string;
  /** Rendered only while selected: a panel that asks the server does so when shown. */
  panel: () => ReactNode;
}

export interface TabsProps<Id extends string> {
  label: string;
  tabs: readonly TabItem<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
}

/** Same width as the app's other layout change (side panels take the room's place below it). */
const WIDE = '(min-width: 800px)';

export function Tabs<Id extends string>({ label, tabs, selected, onSelect }: TabsProps<Id>) {
  const baseId = useId();
  const wide = useMediaQuery(WIDE);
  const buttons = useRef(new Map<Id, HTMLButtonElement>());
  const current = Math.max(
    0,
    tabs.findIndex((tab) => tab.id === selected),
  );
  const active = tabs[current];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = tabIndexForKey(event.key, current, tabs.length);
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  }

  return (
    <div className={wide ? 'tabs tabs-vertical' : 'tabs'}>
      <div
        role="tablist"
        aria-label={label}
        aria-orientation={wide ? 'vertical' : 'horizontal'}
        className="tabs-list"
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) buttons.current.set(tab.id, element);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-selected={tab.id === active?.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab.id === active?.id ? 0 : -1}
            className="tabs-tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {active ? (
        <div
          role="tabpanel"
          id={`${baseId}-panel`}
          aria-labelledby={`${baseId}-tab-${active.id}`}
          tabIndex={0}
          className="tabs-panel"
        >
          {active.panel()}
        </div>
      ) : null}
    </div>
  );
}
