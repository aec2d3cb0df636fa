// The sign-in screens' frame: the brand panel and the card holding the form (or a problem).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Logo } from '../../ui/Logo.tsx';
import { OrganisationBrand } from '../../ui/OrganisationBrand.tsx';

export function SignInLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="signin-layout">
      <aside className="brand-panel">
        <div className="brand-lockup">
          <Logo size={48} />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <OrganisationBrand branding={useManagedSettings().branding} size={40} />
        <p className="brand-headline">{t('brand.headline')}</p>
        <ul className="brand-points">
          <li>{t('brand.points.e2ee')}</li>
          <li>{t('brand.points.sovereign')}</li>
          <li>{t('brand.points.offline')}</li>
        </ul>
      </aside>
      <main className="signin-main">
        <div className="signin-card">
          <div className="signin-top">
            <LanguageSwitcher />
          </div>
          {children}
        </div>
      </main>
    </div>
  );
}
