import { describe, expect, it, vi } from 'vitest';
import { OPENID_REUSE_MARGIN_MS, reusableOpenIdToken } from '../../../../src/renderer/calls/openIdTokens.ts';
import type { OpenIdToken } from '../../../../src/shared/call/index.ts';

function tokens() {
  let n = 0;
  return vi.fn(() => {
    n += 1;
    return Promise.resolve<OpenIdToken>({ access_token: `t${n}`, matrix_server_name: 'example.org', expires_in: 3600 });
  });
}

describe('reusableOpenIdToken', () => {
  it('reuses a token while it is valid, so a re-join costs the homeserver nothing', async () => {
    const fetchToken = tokens();
    let now = 0;
    const source = reusableOpenIdToken(fetchToken, () => now);
    expect((await source.get()).access_token).toBe('t1');
    now = 3600_000 - OPENID_REUSE_MARGIN_MS - 1;
    expect((await source.get()).access_token).toBe('t1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('asks for a new token near expiry', async () => {
    const fetchToken = tokens();
    let now = 0;
    const source = reusableOpenIdToken(fetchToken, () => now);
    await source.get();
    now = 3600_000 - OPENID_REUSE_MARGIN_MS;
    expect((await source.get()).access_token).toBe('t2');
  });

  it('asks for a new token once the SFU refused the kept one', async () => {
    const fetchToken = tokens();
    const source = reusableOpenIdToken(fetchToken, () => 0);
    await source.get();
    source.forget();
    expect((await source.get()).access_token).toBe('t2');
  });

  it('never keeps a token without a lifetime, and shares one request between concurrent joins', async () => {
    const fetchToken = vi.fn(() => Promise.resolve<OpenIdToken>({ access_token: 'x', matrix_server_name: 'example.org' }));
    const source = reusableOpenIdToken(fetchToken, () => 0);
    await Promise.all([source.get(), source.get()]);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await source.get();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed request', async () => {
    const fetchToken = vi
      .fn<() => Promise<OpenIdToken>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue({ access_token: 'ok', matrix_server_name: 'example.org', expires_in: 3600 });
    const source = reusableOpenIdToken(fetchToken, () => 0);
    await expect(source.get()).rejects.toThrow('offline');
    expect((await source.get()).access_token).toBe('ok');
  });
});
