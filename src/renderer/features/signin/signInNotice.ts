// Why the sign-in screen is showing, when it is not the user's doing: the page reloads after a
// session ends (so nothing of it outlives it), and this tab's sessionStorage carries the reason over.
export const SIGN_IN_NOTICE_KEY = 'relais.signin.notice';

export type SignInNotice = 'session-ended';

type NoticeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function leaveSignInNotice(storage: NoticeStorage, notice: SignInNotice): void {
  storage.setItem(SIGN_IN_NOTICE_KEY, notice);
}

/** Reads and forgets the notice: it is said once. */
export function takeSignInNotice(storage: NoticeStorage): SignInNotice | null {
  const value = storage.getItem(SIGN_IN_NOTICE_KEY);
  storage.removeItem(SIGN_IN_NOTICE_KEY);
  return value === 'session-ended' ? value : null;
}

let taken: { notice: SignInNotice | null } | null = null;

/** Once per page load (React StrictMode runs state initialisers twice): the same answer each time. */
export function consumeSignInNotice(page: { readonly sessionStorage: NoticeStorage }): SignInNotice | null {
  if (taken) return taken.notice;
  let notice: SignInNotice | null = null;
  try {
    notice = takeSignInNotice(page.sessionStorage);
  } catch {
    // Storage disabled: nothing can have been left there.
  }
  taken = { notice };
  return notice;
}
