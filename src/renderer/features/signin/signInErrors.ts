// Turns a sign-in failure into the i18n keys of its sentence. Each way of signing in may word a
// problem its own way (an e-mail address instead of a user name), falling back to the common one.
import { SignInError } from '../../matrix/signIn.ts';
import { TchapDiscoveryError } from '../../matrix/tchap/discovery.ts';

export type SignInMode = 'password' | 'tchap' | 'sso';

export interface ErrorMessage {
  /** Tried in order: the first key that has a translation wins. */
  keys: string[];
  values: Record<string, string>;
}

export function signInErrorMessage(error: unknown, mode: SignInMode, values: Record<string, string> = {}): ErrorMessage {
  if (error instanceof TchapDiscoveryError) return { keys: [`tchap.errors.${error.problem}`], values };
  if (error instanceof SignInError) {
    const common = `signIn.errors.${error.problem}`;
    const all = { ...values, ...(error.detail.homeserver ? { homeserver: error.detail.homeserver } : {}) };
    return { keys: mode === 'password' ? [common] : [`${mode}.errors.${error.problem}`, common], values: all };
  }
  return { keys: [mode === 'sso' ? 'sso.errors.failed' : 'signIn.errors.unexpected'], values };
}
