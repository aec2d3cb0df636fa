import { describe, expect, it } from 'vitest';
import { ssoCallbackEntryUrl } from '../../../src/main/ssoCallback.ts';

describe('SSO deep link', () => {
  it('turns the callback into the app entry page with the token', () => {
    expect(ssoCallbackEntryUrl('relais://app/sso-callback?loginToken=syl_AbC123')).toBe(
      'relais://app/index.html?loginToken=syl_AbC123',
    );
  });

  it.each([
    'relais://evil/sso-callback?loginToken=x',
    'relais://app/other?loginToken=x',
    'https://app/sso-callback?loginToken=x',
    'relais://user@app/sso-callback?loginToken=x',
    'relais://app/sso-callback',
    'relais://app/sso-callback?loginToken=%3Cscript%3E',
    'not a url',
  ])('refuses %s', (url) => {
    expect(ssoCallbackEntryUrl(url)).toBeNull();
  });
});
