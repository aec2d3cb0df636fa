// The organisation's name and logo, from machine policy (branding), beside the Relais lockup in the
// top bar and on the sign-in screen. The name is visible text; the logo is decorative next to it
// (alt=""), so a screen reader reads the name once. Nothing is shown when the policy sets neither.
import type { ManagedBranding } from '../../shared/branding/branding.ts';
import './organisationBrand.css';

export interface OrganisationBrandProps {
  branding: Pick<ManagedBranding, 'organisationName' | 'logo'>;
  /** Logo height in CSS pixels. */
  size: number;
}

export function OrganisationBrand({ branding, size }: OrganisationBrandProps) {
  const { organisationName, logo } = branding;
  if (organisationName === null && logo === null) return null;
  return (
    <div className="organisation-brand">
      {logo !== null ? <img className="organisation-logo" src={logo} alt="" height={size} /> : null}
      {organisationName !== null ? <span className="organisation-name">{organisationName}</span> : null}
    </div>
  );
}
