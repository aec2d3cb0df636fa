// "Keyboard shortcuts" (Ctrl/Cmd+/): every shortcut with its keys, as the platform names them.
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { shortcutHelp, type KeyboardPlatform } from './shortcuts.ts';

export function ShortcutsDialog({ open, onClose, platform }: { open: boolean; onClose: () => void; platform: KeyboardPlatform }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} open={open} onClose={onClose}>
      <dl className="shortcut-list">
        {shortcutHelp(platform).map(({ keys, join, action }) => (
          <div key={action} className="shortcut-row">
            <dt>
              {keys.map((key, index) => (
                <span key={key}>
                  {index > 0 ? (join === 'together' ? ' + ' : ' / ') : null}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`shortcuts.actions.${action}`)}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
