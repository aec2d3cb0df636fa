// Issue 13, the smaller points: downloads through a will-download handler into the policy folder,
// Linux notification bodies escaped, mailto: limited to subject and body, SSO callbacks ignored
// while signed in, spell-check dictionaries never fetched from elsewhere.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveDownloadFolder } from '../../../../src/main/downloads/downloadFolder.ts';
import { installDownloadHandler } from '../../../../src/main/downloads/downloads.main.ts';
import { notificationText } from '../../../../src/main/notifications/notificationText.ts';
import { applySpellcheck, DICTIONARY_BASE_URL, spellcheckPlan } from '../../../../src/main/spellcheck/spellcheck.main.ts';
import { ssoCallbackDecision } from '../../../../src/main/ssoCallback.ts';
import { externalLinkTarget } from '../../../../src/shared/externalLinks.ts';
import { createEgressFilter } from '../../../../src/shared/policy/egress.ts';

function fakeItem(filename: string) {
  return { getFilename: () => filename, setSavePath: vi.fn<(path: string) => void>(), cancel: vi.fn() };
}

describe('downloads', () => {
  function install(existing: string[], folder = '/srv/policy-downloads') {
    let handler: ((event: unknown, item: ReturnType<typeof fakeItem>) => void) | undefined;
    const session = { on: (event: string, h: typeof handler) => (event === 'will-download' ? (handler = h) : undefined) };
    installDownloadHandler(session as never, { folder: () => folder, exists: (p) => existing.includes(p), log: () => undefined });
    return (name: string) => {
      const item = fakeItem(name);
      handler?.({}, item);
      return item;
    };
  }

  it('saves into the policy folder under a sanitised name, never overwriting', () => {
    const download = install([join('/srv/policy-downloads', 'notes.txt')]);
    expect(download('../../etc/cron.d/x').setSavePath).toHaveBeenCalledWith(join('/srv/policy-downloads', '_.._etc_cron.d_x'));
    expect(download('notes.txt').setSavePath).toHaveBeenCalledWith(join('/srv/policy-downloads', 'notes (1).txt'));
  });

  it('resolves the folder: policy path, ~ for home, else the OS Downloads folder', () => {
    expect(resolveDownloadFolder('/data/dl', '/home/u', '/home/u/Downloads')).toBe('/data/dl');
    expect(resolveDownloadFolder('~/Documents/Relais', '/home/u', '/home/u/Downloads')).toBe(join('/home/u', 'Documents/Relais'));
    expect(resolveDownloadFolder(null, '/home/u', '/home/u/Downloads')).toBe('/home/u/Downloads');
  });
});

describe('notification text', () => {
  it('escapes markup on Linux only', () => {
    const body = '<a href="https://evil.example">win</a> <img src=x> & co';
    expect(notificationText(body, 'linux')).toBe(
      '&lt;a href=&quot;https://evil.example&quot;&gt;win&lt;/a&gt; &lt;img src=x&gt; &amp; co',
    );
    expect(notificationText(body, 'win32')).toBe(body);
  });
});

describe('mailto: links', () => {
  it('keep only subject and body', () => {
    expect(externalLinkTarget('mailto:a@b.example?subject=Hi%20there&attach=/home/u/.ssh/id_rsa&body=x+y&cc=c@d.example')).toBe(
      'mailto:a@b.example?subject=Hi%20there&body=x+y',
    );
    expect(externalLinkTarget('mailto:a@b.example?ATTACHMENT=%2Fetc%2Fshadow')).toBe('mailto:a@b.example');
    expect(externalLinkTarget('mailto:a@b.example')).toBe('mailto:a@b.example');
  });
});

describe('SSO callback', () => {
  const link = 'relais://app/sso-callback?loginToken=abc123';
  it('loads the app with the token when signed out, is ignored when signed in', () => {
    expect(ssoCallbackDecision(link, false)).toEqual({ action: 'load', url: 'relais://app/index.html?loginToken=abc123' });
    expect(ssoCallbackDecision(link, true)).toEqual({ action: 'ignore', reason: 'already signed in' });
    expect(ssoCallbackDecision('relais://app/other', false)).toBeNull();
  });
});

describe('spell checking', () => {
  const available = ['en-GB', 'en-US', 'fr', 'de'];
  it('macOS: the OS checker, nothing downloaded', () => {
    expect(spellcheckPlan('darwin', { enabled: true, languages: ['fr-FR'] }, 'fr', available)).toEqual({
      enabled: true,
      languages: null,
      dictionaryDownloadUrl: null,
    });
  });

  it('Windows and Linux: dictionaries only from the app itself, languages matched to what exists', () => {
    const plan = spellcheckPlan('linux', { enabled: true, languages: ['fr-FR', 'xx'] }, 'en', available);
    expect(plan).toEqual({ enabled: true, languages: ['fr'], dictionaryDownloadUrl: DICTIONARY_BASE_URL });
    expect(spellcheckPlan('win32', { enabled: false, languages: [] }, 'en-GB', available).languages).toEqual(['en-GB']);
    // The dictionary URL is local: the egress filter of any managed install lets it through and
    // nothing leaves the machine for it.
    expect(createEgressFilter([]).decide(`${DICTIONARY_BASE_URL}fr-3-0.bdic`).allowed).toBe(true);
  });

  it('applies the download URL before the languages (setting languages starts a download)', () => {
    const calls: string[] = [];
    const session = {
      setSpellCheckerDictionaryDownloadURL: (url: string) => calls.push(`url ${url}`),
      setSpellCheckerEnabled: (on: boolean) => calls.push(`enabled ${String(on)}`),
      setSpellCheckerLanguages: (languages: string[]) => calls.push(`languages ${languages.join(',')}`),
    };
    applySpellcheck(session, { enabled: true, languages: ['fr'], dictionaryDownloadUrl: DICTIONARY_BASE_URL });
    expect(calls).toEqual([`url ${DICTIONARY_BASE_URL}`, 'enabled true', 'languages fr']);
  });
});
