// A button that opens the emoji picker for one message: the toolbar's "React" and the "Add reaction"
// after the reaction chips. Each keeps its own picker, anchored to itself.
import { useState, type ReactNode } from 'react';
import { EmojiPickerDialog } from './emoji/EmojiPickerDialog.tsx';

export interface ReactionPickerButtonProps {
  label: string;
  className: string;
  tabIndex: number;
  onPick: (emoji: string) => void;
  children: ReactNode;
}

export function ReactionPickerButton({ label, className, tabIndex, onPick, children }: ReactionPickerButtonProps) {
  // The button while its picker is open (the picker sits next to it), else null.
  const [anchor, setAnchor] = useState<HTMLButtonElement | null>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        tabIndex={tabIndex}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {children}
      </button>
      {anchor ? <EmojiPickerDialog anchor={anchor} onPick={onPick} onClose={() => setAnchor(null)} /> : null}
    </>
  );
}
