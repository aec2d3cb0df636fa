// The room list's "Explore rooms" button, and the dialog it opens (mounted only while open, so the
// directory is read afresh each time).
import ExploreIcon from '@vector-im/compound-design-tokens/assets/web/icons/explore';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExploreRoomsDialog } from './ExploreRoomsDialog.tsx';

export function ExploreRoomsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-icon-only"
        aria-label={t('explore.open')}
        title={t('explore.open')}
        onClick={() => setOpen(true)}
      >
        <ExploreIcon aria-hidden="true" className="button-icon" />
      </button>
      {open ? <ExploreRoomsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
