// The "Threads" panel's list: the server's pages for the chosen filter, merged with the live timeline.
// The first page is asked when the panel opens or the filter changes; "Load more" asks the next; a
// failure (offline) keeps what is known; it is asked again by Retry, or by itself once the network is back.
import type { Room } from 'matrix-js-sdk';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from '../../app/SessionContext.ts';
import { rendererLogger } from '../../platform/log.ts';
import {
  hasMore,
  mayBeIncomplete,
  mergeThreadLists,
  pageFailed,
  pageLoaded,
  pageRequested,
  startPaging,
  type LiveThreads,
  type ListedThread,
  type ThreadListFilter,
  type ThreadListPaging,
} from '../../matrix/threadList.ts';
import { fetchThreadPage } from '../../matrix/threadListFetch.ts';
import { useConnectivity } from '../room/useOutbox.ts';

const log = rendererLogger('threads');

export interface ThreadListView {
  threads: ListedThread[];
  filter: ThreadListFilter;
  setFilter: (filter: ThreadListFilter) => void;
  loading: boolean;
  hasMore: boolean;
  incomplete: boolean;
  /** The next page, or the failed one again. */
  loadMore: () => void;
}

export function useThreadList(room: Room, live: LiveThreads): ThreadListView {
  const session = useSession();
  const { client } = session;
  const online = useConnectivity(session.connectivity) !== 'offline';
  const [paging, setPaging] = useState<ThreadListPaging>(() => startPaging('all'));
  // The paging as the last render saw it, for the callbacks (a page's token, whether one is in flight).
  const current = useRef(paging);
  useEffect(() => {
    current.current = paging;
  });

  const fetchPage = useCallback(
    (filter: ThreadListFilter, from: string | null) => {
      fetchThreadPage(client, room, filter, from).then(
        ({ threads, nextBatch }) => setPaging((p) => pageLoaded(p, filter, threads, nextBatch)),
        (error: unknown) => {
          log.info(`thread list page not fetched: ${String(error)}`, { roomId: room.roomId });
          setPaging((p) => pageFailed(p, filter));
        },
      );
    },
    [client, room],
  );

  // The first page when the panel opens; a new filter starts over with its own first page.
  useEffect(() => {
    fetchPage(current.current.filter, null);
  }, [fetchPage]);
  const setFilter = useCallback(
    (filter: ThreadListFilter) => {
      if (filter === current.current.filter) return;
      const fresh = startPaging(filter);
      setPaging(fresh);
      current.current = fresh;
      fetchPage(filter, null);
    },
    [fetchPage],
  );

  const loadMore = useCallback(() => {
    const now = current.current;
    if (now.loading) return;
    setPaging(pageRequested(now));
    current.current = pageRequested(now);
    // After a failed first page, from the beginning; otherwise from the next batch.
    fetchPage(now.filter, now.loadedOnce ? now.nextBatch : null);
  }, [fetchPage]);

  // Back online after a failure: the page that failed is asked again.
  useEffect(() => {
    if (online && current.current.failed) loadMore();
  }, [online, loadMore]);

  const threads = useMemo(() => mergeThreadLists(paging.threads, live, paging.filter), [paging, live]);
  return {
    threads,
    filter: paging.filter,
    setFilter,
    loading: paging.loading,
    hasMore: hasMore(paging),
    incomplete: mayBeIncomplete(paging),
    loadMore,
  };
}
