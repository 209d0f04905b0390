/** The LRS at /xapi (issue 19): attachments in multipart/mixed requests, and signed statements. */
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyLike } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signerCertificate, signerKey } from '../support/xapi-signer';
import { type Json, ADL, statement } from '../support/xapi-statement';
import { lrs, post, get, ids, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe('attachments (multipart/mixed)', () => {
  const BOUNDARY = 'abcABC0123456789';
  // Bytes that are not UTF-8 and hold a CRLF, to prove the part travels as binary.
  const data = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d, 0x41]);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const attachment = (body: Buffer, over: Json = {}) => ({
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    contentType: 'application/octet-stream',
    length: body.length,
    sha2: sha(body),
    ...over,
  });
  const jsonPart = (json: unknown) => ({
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify(json)),
  });
  const dataPart = (body: Buffer, headers: Record<string, string> = {}) => ({
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': sha(body),
      ...headers,
    },
    body,
  });
  const multipart = (parts: Array<{ headers: Record<string, string>; body: Buffer }>) =>
    Buffer.concat([
      ...parts.flatMap((p) => [
        Buffer.from(
          `--${BOUNDARY}\r\n${Object.entries(p.headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}\r\n`,
        ),
        p.body,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${BOUNDARY}--\r\n`),
    ]);
  const send = (method: string, path: string, body: Buffer) =>
    lrs.request(method, path, body, { 'content-type': `multipart/mixed; boundary=${BOUNDARY}` });

  it('stores a POSTed or PUT statement with its attachment and serves both with attachments=true', async () => {
    const posted = statement({ attachments: [attachment(data)] });
    const res = await send('POST', '/statements', multipart([jsonPart(posted), dataPart(data)]));
    expect(res.status).toBe(200);
    const [id] = (await res.json()) as string[];
    const putId = randomUUID();
    const text = Buffer.from('plain words');
    const put = statement({ attachments: [attachment(text, { contentType: 'text/plain' })] });
    expect(
      (
        await send(
          'PUT',
          `/statements?statementId=${putId}`,
          multipart([jsonPart(put), dataPart(text, { 'Content-Type': 'text/plain' })]),
        )
      ).status,
    ).toBe(204);

    const one = await get(`?statementId=${id}&attachments=true`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    const body = Buffer.from(await one.arrayBuffer());
    expect(body.indexOf(data)).toBeGreaterThan(0);
    expect(body.toString('latin1')).toContain(`X-Experience-API-Hash: ${sha(data)}`);
    expect(body.toString('latin1')).toContain('Content-Transfer-Encoding: binary');
    expect(body.toString('latin1')).toContain(`"id":"${id}"`);

    const all = Buffer.from(await (await get('?attachments=true')).arrayBuffer()).toString(
      'latin1',
    );
    expect(all).toContain(`X-Experience-API-Hash: ${sha(text)}`);
    expect(all).toContain('plain words');
    // Without attachments=true the answer stays JSON.
    expect(await ids(await get(''))).toEqual([putId, id]);
  });

  it('accepts an attachment with a fileUrl as plain JSON', async () => {
    const s = statement({
      attachments: [attachment(data, { fileUrl: 'https://example.com/files/a.bin' })],
    });
    expect((await post(s)).status).toBe(200);
  });

  it('refuses mismatched, unnamed and malformed parts with a clear 400 and stores nothing', async () => {
    const withData = statement({ attachments: [attachment(data)] });
    const other = Buffer.from('other bytes');
    const cases: Array<[Buffer | unknown, RegExp]> = [
      [
        multipart([jsonPart(withData), dataPart(data, { 'X-Experience-API-Hash': sha(other) })]),
        /does not match its X-Experience-API-Hash/,
      ],
      [
        multipart([jsonPart(withData), dataPart(data, { 'X-Experience-API-Hash': '' })]),
        /needs an X-Experience-API-Hash/,
      ],
      [
        multipart([jsonPart(withData), dataPart(data, { 'Content-Transfer-Encoding': 'base64' })]),
        /Content-Transfer-Encoding: binary/,
      ],
      [multipart([jsonPart(withData)]), /statement\.attachments\[0\]: has no fileUrl/],
      [
        multipart([jsonPart(withData), dataPart(data), dataPart(other)]),
        /part 3: belongs to no attachment/,
      ],
      [multipart([dataPart(data), jsonPart(withData)]), /part 1: must be the statement/],
      [Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{}`), /part 1/],
    ];
    for (const [body, message] of cases) {
      const res = await send('POST', '/statements', body as Buffer);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toMatch(message);
    }
    // An attachment without fileUrl cannot come as plain JSON: its data would be missing.
    const plain = await post(withData);
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toMatch(
      /no fileUrl/,
    );
    expect(await ids(await get(''))).toEqual([]);
  });

  describe('signed statements', () => {
    const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const x5c = [signerCertificate.replace(/-----[^-]+-----|\s/g, '')];
    const HASH: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
    function jws(payload: Json, header: Json = { alg: 'RS256', x5c }, key: KeyLike = signerKey) {
      const input = `${b64(header)}.${b64(payload)}`;
      const signature = sign(HASH[header.alg as string] ?? 'sha256', Buffer.from(input), key);
      return Buffer.from(`${input}.${signature.toString('base64url')}`);
    }
    const signedBy = (s: Json, token: Buffer, contentType = 'application/octet-stream') => ({
      ...s,
      attachments: [attachment(token, { usageType: SIGNATURE, contentType })],
    });
    const sendSigned = (s: Json, token: Buffer, contentType?: string) =>
      send(
        'POST',
        '/statements',
        multipart([jsonPart(signedBy(s, token, contentType)), dataPart(token)]),
      );
    const problem = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string } }).error.message;
    };

    it('accepts a statement signed with RS256 and x5c, or RS512 without, and serves the JWS', async () => {
      const s = statement({ id: randomUUID() });
      const token = jws(s);
      const res = await sendSigned(s, token);
      expect(res.status).toBe(200);
      const other = statement({ id: randomUUID(), verb: { id: `${ADL}attempted` } });
      expect((await sendSigned(other, jws(other, { alg: 'RS512' }))).status).toBe(200);
      const answer = Buffer.from(
        await (await get(`?statementId=${s.id as string}&attachments=true`)).arrayBuffer(),
      );
      expect(answer.indexOf(token)).toBeGreaterThan(0);
    });

    it('refuses a signature that does not match, does not verify or is malformed', async () => {
      const s = statement({ id: randomUUID() });
      const changed = { ...s, verb: { id: `${ADL}failed` } };
      expect(await problem(await sendSigned(s, jws(changed)))).toMatch(
        /attachments\[0\]: signs a statement that differs/,
      );
      const { privateKey: stranger } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expect(await problem(await sendSigned(s, jws(s, { alg: 'RS256', x5c }, stranger)))).toMatch(
        /does not verify with the certificate in x5c/,
      );
      expect(await problem(await sendSigned(s, jws(s, { alg: 'HS256' })))).toMatch(
        /RS256, RS384 or RS512/,
      );
      expect(await problem(await sendSigned(s, Buffer.from('not a signature')))).toMatch(
        /compact serialization/,
      );
      expect(await problem(await sendSigned(s, jws(s), 'text/plain'))).toMatch(
        /application\/octet-stream/,
      );
      expect(await ids(await get(''))).toEqual([]);
    });
  });
});
