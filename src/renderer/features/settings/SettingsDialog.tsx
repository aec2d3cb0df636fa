// Settings, one subject per tab (it had grown too long for one scroll): the account, its sessions,
// notifications, the person's own preferences and language (saved in their profile), what the
// organisation manages, and Export diagnostics for the IT department. The tab chosen last is kept while
// the app runs, so closing and reopening comes back to it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Tabs, type TabItem } from '../../ui/Tabs.tsx';
import { AccountSection } from './AccountSection.tsx';
import { DiagnosticsSection } from './DiagnosticsSection.tsx';
import { ManagedSection } from './ManagedSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import './settings.css';

export type SettingsTab = 'account' | 'sessions' | 'notifications' | 'preferences' | 'organisation' | 'diagnostics';

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<SettingsTab>('account');
  const tabs: TabItem<SettingsTab>[] = [
    { id: 'account', label: t('settings.tabs.account'), panel: () => <AccountSection /> },
    { id: 'sessions', label: t('settings.tabs.sessions'), panel: () => <SessionsSection /> },
    { id: 'notifications', label: t('settings.tabs.notifications'), panel: () => <NotificationsSection /> },
    { id: 'preferences', label: t('settings.tabs.preferences'), panel: () => <Preferences /> },
    { id: 'organisation', label: t('settings.tabs.organisation'), panel: () => <ManagedSection /> },
    { id: 'diagnostics', label: t('settings.tabs.diagnostics'), panel: () => <DiagnosticsSection /> },
  ];

  return (
    <Dialog title={t('settings.title')} open={open} onClose={onClose} className="dialog-settings">
      <div className="dialog-form">
        {/* Panels ask the server when shown (account, sessions): only while the dialog is open. */}
        {open ? <Tabs label={t('settings.tabs.label')} tabs={tabs} selected={tab} onSelect={setTab} /> : null}
        <div className="dialog-actions">
          <button type="button" className="button button-primary inline" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function Preferences() {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="settings-language">
        <h3 id="settings-language" className="settings-heading">
          {t('app.language')}
        </h3>
        <LanguageSwitcher />
      </section>
      <PreferencesSection />
    </>
  );
}
