// The room's side panels (Threads, a thread, Members, a person): one landmark named by its heading,
// the heading focused when the panel opens (so screen readers say where they are), a Close button,
// an optional Back button, and Escape to leave. Styles: features/thread/thread.css (.thread-panel).
import ArrowLeftIcon from '@vector-im/compound-design-tokens/assets/web/icons/arrow-left';
import CloseIcon from '@vector-im/compound-design-tokens/assets/web/icons/close';
import { useEffect, useId, useRef, type DOMAttributes, type KeyboardEvent, type ReactNode } from 'react';

export interface SidePanelProps {
  title: string;
  /** Escape and the Close button; Escape goes Back instead when there is a Back button. */
  onClose: () => void;
  closeLabel: string;
  back?: { label: string; onBack: () => void } | undefined;
  /** Whether the heading takes the focus when the panel opens (not when a composer inside should). */
  focusHeading?: boolean;
  /** Escape is left to what is inside while this says so (a reply or an edit under way). */
  escapeHandledInside?: boolean;
  className?: string;
  /** Dragging files over the panel (a thread's): what to do with them. */
  dropTarget?: Pick<DOMAttributes<HTMLElement>, 'onDragEnter' | 'onDragOver' | 'onDragLeave' | 'onDrop'> | undefined;
  children: ReactNode;
}

export function SidePanel({
  title,
  onClose,
  closeLabel,
  back,
  focusHeading = true,
  escapeHandledInside = false,
  className,
  dropTarget,
  children,
}: SidePanelProps) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading, title]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || event.defaultPrevented || escapeHandledInside) return;
    event.preventDefault();
    (back?.onBack ?? onClose)();
  }

  return (
    <aside
      className={className ? `thread-panel ${className}` : 'thread-panel'}
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      {...dropTarget}
    >
      <header className="thread-panel-header">
        {back ? (
          <button type="button" className="thread-panel-close" onClick={back.onBack} aria-label={back.label} title={back.label}>
            <ArrowLeftIcon aria-hidden="true" />
          </button>
        ) : null}
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="thread-panel-close" onClick={onClose} aria-label={closeLabel} title={closeLabel}>
          <CloseIcon aria-hidden="true" />
        </button>
      </header>
      {children}
    </aside>
  );
}
