// "Manage account" for a homeserver that delegates authentication (issue 21): password, sessions and
// profile live at the sign-in service, so Relais opens its account page in the system browser
// rather than pretending to manage them itself. Shown only when the server names such a page.
import PopOutIcon from '@vector-im/compound-design-tokens/assets/web/icons/pop-out';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { accountManagementPage, type AccountPage } from '../../matrix/oidc/accountManagement.ts';

export function ManageAccount() {
  const { t } = useTranslation();
  const client = useClient();
  const platform = usePlatform();
  const hintId = useId();
  const [page, setPage] = useState<AccountPage | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void accountManagementPage(() => client.getAuthMetadata()).then((found) => {
      if (live) setPage(found);
    });
    return () => {
      live = false;
    };
  }, [client]);

  if (!page) return null;
  return (
    <div className="account-manage">
      <button
        type="button"
        className="button button-secondary"
        aria-describedby={hintId}
        onClick={() => {
          setFailed(false);
          void platform.openExternal(page.url).then(
            (opened) => setFailed(!opened),
            () => setFailed(true),
          );
        }}
      >
        {t('oidc.manageAccount')}
        <PopOutIcon aria-hidden="true" />
      </button>
      <p id={hintId} className="muted small">
        {t('oidc.manageAccountHint', { issuer: page.issuerHost })}
      </p>
      {failed ? (
        <p className="alert alert-error" role="alert">
          {t('oidc.manageAccountFailed')}
        </p>
      ) : null}
    </div>
  );
}
