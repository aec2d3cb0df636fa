// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OrganisationBrand } from '../../../../src/renderer/ui/OrganisationBrand.tsx';

const LOGO = 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=';

afterEach(cleanup);

describe('OrganisationBrand', () => {
  it('shows the name as text and the logo as a decorative image', () => {
    const { container } = render(
      <OrganisationBrand branding={{ organisationName: 'Ministère de l’Exemple', logo: LOGO }} size={28} />,
    );
    expect(screen.getByText('Ministère de l’Exemple')).toBeTruthy();
    const logo = container.querySelector('img');
    expect(logo?.getAttribute('alt')).toBe('');
    expect(logo?.getAttribute('src')).toBe(LOGO);
    expect(logo?.getAttribute('height')).toBe('28');
    // Decorative: not exposed as an image to assistive technologies, and no style="" (CSP).
    expect(screen.queryByRole('img')).toBeNull();
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('shows the name alone, the logo alone, or nothing', () => {
    render(<OrganisationBrand branding={{ organisationName: 'DINUM', logo: null }} size={28} />);
    expect(screen.getByText('DINUM')).toBeTruthy();
    cleanup();
    expect(
      render(<OrganisationBrand branding={{ organisationName: null, logo: LOGO }} size={28} />).container.querySelector('img'),
    ).not.toBeNull();
    cleanup();
    expect(render(<OrganisationBrand branding={{ organisationName: null, logo: null }} size={28} />).container.innerHTML).toBe(
      '',
    );
  });
});
