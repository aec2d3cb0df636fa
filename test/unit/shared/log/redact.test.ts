// The redaction every log record goes through: no token, password, recovery key or message
// content survives it, what is left stays readable, and running it twice changes nothing.
import { describe, expect, it } from 'vitest';
import { REDACTED, redactContext, redactText } from '../../../../src/shared/log/redact.ts';
import { createPrng, type Prng } from '../../support/prng.ts';

const SYNAPSE_TOKEN = 'syt_YWxpY2U_lHkhTgYbVvWqEmFXvOjP_0Yb3Xw';
const SYNAPSE_REFRESH = 'syr_YWxpY2U_ZHrfqEoTLPbUcwMaWkdx_2iHd5P';
const MAS_TOKEN = 'mat_kE2NOb8xQfv1sLZ9cR3yUa7JdW4hTmPg_1xY2z3';
// A recovery key as Element and Relais show it (0x8B 0x01 prefix, 32 bytes, parity; base58, groups of 4).
const RECOVERY_KEY = 'EsTc 5rr1 4Jhp Uc18 hwCn 2b9T LSvj 5h4T TkP8 bdeK JGTa dVZm';
const OPENID_TOKEN = 'KrZTbfYqvNmJHcXaDpWs8GLe';
const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6Imh0dHBzOi8vaWRwLmV4YW1wbGUifQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU';

/** Every secret in `secrets` is gone from the redacted text, and redacting again changes nothing. */
function expectClean(text: string, secrets: readonly string[]): string {
  const out = redactText(text);
  for (const secret of secrets) expect(out, `"${secret}" survived in: ${out}`).not.toContain(secret);
  expect(redactText(out)).toBe(out);
  return out;
}

describe('redactText: tokens', () => {
  it('removes Synapse access and refresh tokens and MAS tokens wherever they stand', () => {
    expect(expectClean(`token ${SYNAPSE_TOKEN} rejected`, [SYNAPSE_TOKEN])).toBe(`token syt_${REDACTED} rejected`);
    expectClean(`refresh with ${SYNAPSE_REFRESH}.`, [SYNAPSE_REFRESH]);
    expectClean(`(${MAS_TOKEN})`, [MAS_TOKEN]);
    expectClean(`["${SYNAPSE_TOKEN}","${SYNAPSE_REFRESH}"]`, [SYNAPSE_TOKEN, SYNAPSE_REFRESH]);
    // Only the token-shaped part goes: a word that merely contains the letters stays.
    expect(redactText('mayst_x and forsyt_y')).toBe('mayst_x and forsyt_y');
  });

  it('removes Authorization credentials, Bearer tokens of any shape and Basic credentials', () => {
    expect(expectClean(`Authorization: Bearer ${SYNAPSE_TOKEN}`, [SYNAPSE_TOKEN])).toBe(`Authorization: Bearer ${REDACTED}`);
    expectClean('headers: {"Authorization":"Bearer abc.DEF-123_opaque"}', ['abc.DEF-123_opaque']);
    expectClean('authorization=Basic dXNlcjpodW50ZXIy', ['dXNlcjpodW50ZXIy']);
    expectClean('sent bearer   opaqueTokenValue42', ['opaqueTokenValue42']);
    expectClean(`Authorization: ${OPENID_TOKEN}`, [OPENID_TOKEN]);
  });

  it('removes access_token and other secret parameters from URLs, keeping the rest of the URL', () => {
    const url = `https://matrix.example.org/_matrix/client/v3/sync?filter=0&access_token=${SYNAPSE_TOKEN}&timeout=30000`;
    expect(expectClean(url, [SYNAPSE_TOKEN])).toBe(
      `https://matrix.example.org/_matrix/client/v3/sync?filter=0&access_token=${REDACTED}&timeout=30000`,
    );
    expectClean(`GET /_matrix/federation/v1/openid/userinfo?access_token=${OPENID_TOKEN}`, [OPENID_TOKEN]);
    expectClean('relais://app/sso-callback?loginToken=L0g1nT0k3nValue#x', ['L0g1nT0k3nValue']);
    expectClean('https://idp.example/cb?state=1&id_token=opaque123&refresh_token=r3fr3sh', ['opaque123', 'r3fr3sh']);
    expectClean('POST /validate?client_secret=s3cr3tV4lu3&sid=1', ['s3cr3tV4lu3']);
  });

  it('removes the OpenID token Relais sends to its call server', () => {
    const join = JSON.stringify({
      method: 'join',
      openIdToken: { access_token: OPENID_TOKEN, token_type: 'Bearer', matrix_server_name: 'example.org', expires_in: 3600 },
    });
    const out = expectClean(join, [OPENID_TOKEN]);
    expect(out).toContain('"matrix_server_name":"example.org"');
    expect(out).toContain('"expires_in":3600');
  });

  it('removes JSON Web Tokens', () => {
    expectClean(`id token ${JWT} expired`, [JWT, JWT.split('.')[1]!]);
  });

  it('removes the user info of URLs', () => {
    expect(expectClean('proxy https://jeanne:hunter2@proxy.example.gouv.fr:3128/', ['hunter2', 'jeanne'])).toBe(
      `proxy https://${REDACTED}@proxy.example.gouv.fr:3128/`,
    );
    expectClean('turn://user%40org:p%40ss@turn.example.org', ['p%40ss']);
  });
});

describe('redactText: passwords, keys and message content', () => {
  it('removes password fields in JSON, JS objects, forms and plain text', () => {
    const login = JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: 'alice' },
      password: 'correct horse "battery"',
    });
    const out = expectClean(login, ['correct horse', 'battery']);
    expect(out).toContain('"user":"alice"');
    expectClean("{ password: 'hunter2', user: 'bob' }", ['hunter2']);
    expectClean('user=bob&password=hunter2&type=x', ['hunter2']);
    expectClean('PASSWORD = hunter2', ['hunter2']);
    expectClean('{"new_password":"n3wPass","logout_devices":false}', ['n3wPass']);
    expectClean('{"passphrase":"my secret phrase"}', ['my secret phrase']);
  });

  it('removes password fields inside a JSON text quoted into another string', () => {
    const inner = JSON.stringify({ password: 'inner "quoted" secret\\', user: 'eve', body: 'dis \\"bonjour\\"' });
    const nested = JSON.stringify({ error: `request was ${inner}` });
    const out = expectClean(nested, ['inner', 'quoted', 'secret', 'bonjour']);
    expect(out).toContain('eve');
    expect(expectClean(JSON.stringify({ twice: nested }), ['inner', 'quoted', 'secret', 'bonjour'])).toContain('eve');
  });

  it('removes a value whose quote never closes, up to the next comma or brace', () => {
    expectClean('{"password":"cut off in the middle', ['cut off']);
    expectClean('{"body":"tronqué, "next":1}', ['tronqué']);
  });

  it('leaves sentences about passwords alone', () => {
    expect(redactText('password policy: 12 characters')).toBe('password policy: 12 characters');
    expect(redactText('wrong password for @alice:example.org')).toBe('wrong password for @alice:example.org');
  });

  it('removes Matrix recovery keys, grouped or not', () => {
    expectClean(`recovery key ${RECOVERY_KEY} stored`, [RECOVERY_KEY, 'EsTc 5rr1', 'dVZm']);
    const compact = RECOVERY_KEY.replaceAll(' ', '');
    expectClean(`key=${compact}`, [compact]);
    expectClean(`pasted: ${compact}`, [compact]);
    expectClean('{"recoveryKey":"anything at all"}', ['anything at all']);
  });

  it('removes message bodies and encrypted payloads', () => {
    const event = JSON.stringify({
      type: 'm.room.message',
      content: {
        msgtype: 'm.text',
        body: 'Le budget 2027 est gelé',
        format: 'org.matrix.custom.html',
        formatted_body: '<b>gelé</b>',
      },
    });
    const out = expectClean(event, ['budget', 'gelé']);
    expect(out).toContain('"msgtype":"m.text"');
    expectClean('{"algorithm":"m.megolm.v1.aes-sha2","ciphertext":"AwgAEoAB+secret+cipher"}', ['AwgAEoAB+secret+cipher']);
    expectClean("send failed: body: 'hello there'", ['hello there']);
  });

  it('removes e-mail addresses, plain or percent-encoded in a URL', () => {
    const out = expectClean(
      'GET https://matrix.agent.tchap.gouv.fr/_matrix/identity/api/v1/info?medium=email&address=jeanne.dupont%40interieur.gouv.fr 200; invite sent to marc+test@example.org',
      ['jeanne.dupont', 'interieur.gouv.fr', 'marc+test', 'example.org'],
    );
    expect(out).toContain('medium=email&address=[redacted] 200');
    expect(out).toContain('https://matrix.agent.tchap.gouv.fr/_matrix/identity/api/v1/info?');
  });

  it('keeps what helps IT: ids, hosts, codes, statuses, timings', () => {
    const text =
      'sync failed for @alice:example.org in !room:example.org: M_LIMIT_EXCEEDED (429) after 1200 ms, https://matrix.example.org/_matrix/client/v3/sync, matrix-js-sdk@43.0.0, #ops:example.org';
    expect(redactText(text)).toBe(text);
  });

  it('is idempotent on text made only of redaction marks', () => {
    for (const text of [REDACTED, `Bearer ${REDACTED}`, `password=${REDACTED}`, `"body":"${REDACTED}"`, `syt_${REDACTED}`]) {
      expect(redactText(text)).toBe(text);
    }
  });
});

describe('redactText: generated payloads', () => {
  const FIELDS = ['password', 'access_token', 'body', 'formatted_body', 'token', 'refresh_token', 'recovery_key', 'passphrase'];
  const AWKWARD = [' ', ',', '"', "'", '\\', '}', '{', ':', '=', '&', '\n', 'é', '🔑', '\\"', ']'];

  /** A value made of unique markers joined by awkward characters: no marker may survive. */
  function secretValue(prng: Prng, markers: string[]): string {
    let value = '';
    for (let i = 0; i < 1 + prng.int(4); i += 1) {
      const marker = `zq${prng.int(1e9).toString(36)}x${markers.length}`;
      markers.push(marker);
      value += marker + (prng.chance(0.7) ? prng.pick(AWKWARD) : '');
    }
    return value;
  }

  it('no secret field value survives JSON quoted up to three times into other JSON', () => {
    const prng = createPrng(20261203);
    for (let run = 0; run < 400; run += 1) {
      const markers: string[] = [];
      const payload: Record<string, unknown> = { type: 'm.room.message', user: '@a:example.org' };
      payload[prng.pick(FIELDS)] = secretValue(prng, markers);
      if (prng.chance(0.5)) payload['content'] = { msgtype: 'm.text', [prng.pick(FIELDS)]: secretValue(prng, markers) };
      let text = JSON.stringify(payload);
      for (let depth = prng.int(4); depth > 0; depth -= 1) text = JSON.stringify({ error: `failed: ${text}`, status: 400 });
      const out = redactText(text);
      const survivors = markers.filter((marker) => out.includes(marker));
      expect(survivors, `seed run ${run}: ${out}`).toEqual([]);
      expect(redactText(out)).toBe(out);
    }
  });
});

describe('redactContext', () => {
  it('redacts string fields and keeps numbers', () => {
    expect(redactContext({ code: SYNAPSE_TOKEN, status: 401, host: 'matrix.example.org' })).toEqual({
      code: `syt_${REDACTED}`,
      status: 401,
      host: 'matrix.example.org',
    });
  });
});
