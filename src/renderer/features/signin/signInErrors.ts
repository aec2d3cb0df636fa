// Turns a sign-in failure into the i18n keys of its sentence. Each way of signing in may word a
// problem its own way (an e-mail address instead of a user name), falling back to the common one.
import { SignInError } from '../../matrix/signIn.ts';
import { TchapDiscoveryError } from '../../matrix/tchap/discovery.ts';
import { isTranslationKey, type TranslationKey } from '../../i18n/keys.ts';

export type SignInMode = 'password' | 'tchap' | 'sso' | 'oidc';

/** Sign-in problems are worded under `signIn.errors`, `tchap.errors`, `sso.errors` and `oidc.errors`. */
type ErrorKey = Extract<TranslationKey, `${SignInMode | 'signIn'}.errors.${string}`>;

export interface ErrorMessage {
  /** Tried in order: the first key that has a translation wins. */
  keys: ErrorKey[];
  /** The only variable the sign-in sentences use. */
  values: { homeserver?: string };
}

export function signInErrorMessage(error: unknown, mode: SignInMode, values: ErrorMessage['values'] = {}): ErrorMessage {
  if (error instanceof TchapDiscoveryError) return { keys: [`tchap.errors.${error.problem}`], values };
  if (error instanceof SignInError) {
    const common = `signIn.errors.${error.problem}` as const;
    const all = { ...values, ...(error.detail.homeserver ? { homeserver: error.detail.homeserver } : {}) };
    // Tchap and SSO word only some problems their own way: the others take the common sentence.
    const own = `${mode}.errors.${error.problem}`;
    return { keys: mode !== 'password' && isErrorKey(own) ? [own, common] : [common], values: all };
  }
  if (mode === 'oidc') return { keys: ['oidc.errors.failed'], values };
  return { keys: [mode === 'sso' ? 'sso.errors.failed' : 'signIn.errors.unexpected'], values };
}

function isErrorKey(key: string): key is ErrorKey {
  return /^(signIn|tchap|sso|oidc)\.errors\./.test(key) && isTranslationKey(key);
}
