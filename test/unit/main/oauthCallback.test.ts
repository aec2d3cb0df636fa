import { describe, expect, it } from 'vitest';
import { oauthCallbackDecision, oauthCallbackEntryUrl } from '../../../src/main/oauthCallback.ts';

describe('OAuth deep link', () => {
  it('turns the callback into the app entry page with the code and state only', () => {
    expect(oauthCallbackEntryUrl('relais://app/oauth-callback?code=Abc-123_x.y&state=s7Tq&iss=https%3A%2F%2Fid.example')).toBe(
      'relais://app/index.html?code=Abc-123_x.y&state=s7Tq',
    );
  });

  it('carries an error code back, so the sign-in screen can say the issuer refused', () => {
    expect(oauthCallbackEntryUrl('relais://app/oauth-callback?error=access_denied&state=s7Tq&error_description=nope')).toBe(
      'relais://app/index.html?error=access_denied&state=s7Tq',
    );
  });

  it.each([
    'relais://evil/oauth-callback?code=c&state=s',
    'relais://app/sso-callback?code=c&state=s',
    'https://app/oauth-callback?code=c&state=s',
    'relais://user@app/oauth-callback?code=c&state=s',
    'relais://app/oauth-callback?code=c',
    'relais://app/oauth-callback?state=s',
    'relais://app/oauth-callback?code=c&error=access_denied&state=s',
    'relais://app/oauth-callback?code=%3Cscript%3E&state=s',
    'relais://app/oauth-callback?error=Access%20Denied&state=s',
    'relais://app/oauth-callback?code=c&state=s#fragment',
    `relais://app/oauth-callback?code=${'a'.repeat(1025)}&state=s`,
    'not a url',
  ])('refuses %s', (url) => {
    expect(oauthCallbackEntryUrl(url)).toBeNull();
  });

  it('is ignored while someone is signed in: loading it would reload the window', () => {
    expect(oauthCallbackDecision('relais://app/oauth-callback?code=c&state=s', true)).toEqual({
      action: 'ignore',
      reason: 'already signed in',
    });
    expect(oauthCallbackDecision('relais://app/oauth-callback?code=c&state=s', false)).toEqual({
      action: 'load',
      url: 'relais://app/index.html?code=c&state=s',
    });
    expect(oauthCallbackDecision('relais://app/elsewhere', false)).toBeNull();
  });
});
