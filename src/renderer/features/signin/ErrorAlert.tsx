import { useEffect, useRef } from 'react';

/** An error that takes focus when it appears, so keyboard and screen-reader users land on it. */
export function ErrorAlert({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      {message}
    </div>
  );
}
