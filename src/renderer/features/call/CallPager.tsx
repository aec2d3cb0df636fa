// Previous / next page of participants, with where one is ("Page 2 of 5", announced politely).
import { ChevronLeftIcon, ChevronRightIcon } from '@vector-im/compound-design-tokens/assets/web/icons';
import { useTranslation } from 'react-i18next';

export function CallPager(props: { page: number; pages: number; onPage: (page: number) => void }) {
  const { page, pages, onPage } = props;
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="call-pager" aria-label={t('call.pages')}>
      <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        <ChevronLeftIcon aria-hidden="true" />
        {t('call.previousPage')}
      </button>
      <span aria-live="polite">{t('call.pageOf', { page: String(page + 1), pages: String(pages) })}</span>
      <button type="button" className="button button-secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('call.nextPage')}
        <ChevronRightIcon aria-hidden="true" />
      </button>
    </nav>
  );
}
