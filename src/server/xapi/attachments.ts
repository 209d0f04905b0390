/**
 * Statement attachments (xAPI 2.0 Communication §1.5.2, Data §2.4.11): a statement request may be
 * `multipart/mixed`, its first part the statement(s) as `application/json`, each further part the
 * raw data of one attachment with `Content-Type`, `Content-Transfer-Encoding: binary` and
 * `X-Experience-API-Hash` (the SHA-2 of the part, as the attachment's `sha2` names it).
 *
 * Rules checked, each a 400 naming the part or the statement's attachment:
 * - every part's content hashes to its `X-Experience-API-Hash`;
 * - every attachment without `fileUrl` has a part with its `sha2`, and every part belongs to an
 *   attachment of the statements (so nothing is stored that no statement names);
 * - at most `MAX_PARTS` parts; the whole request is bounded by the LRS's body limit (app.ts).
 *
 * `GET /statements?attachments=true` answers the same shape: the JSON first, then a part per
 * attachment whose data the LRS holds.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError } from '../errors';
import type { XapiAttachment } from '../store/store';

type Json = Record<string, unknown>;
export const MAX_PARTS = 100;
const CRLF = '\r\n';
const HASHES: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

export const attachmentError = (part: string, problem: string) =>
  new ApiError(400, 'invalid_attachment', 'error.xapi.attachment', { part, problem });

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** The parts of a multipart body (RFC 2046 §5.1.1): preamble and epilogue are ignored. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`${CRLF}--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw attachmentError('request', `no part starts with the boundary ${boundary}`);
  const parts: Part[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    const lineEnd = body.indexOf(CRLF, pos);
    if (lineEnd < 0) throw attachmentError(`part ${parts.length + 1}`, 'is cut off');
    const start = lineEnd + 2;
    const blank = body.subarray(start, start + 2).toString() === CRLF;
    const headerEnd = blank ? start : body.indexOf(CRLF + CRLF, start);
    if (headerEnd < 0) throw attachmentError(`part ${parts.length + 1}`, 'has no end of headers');
    const headers: Record<string, string> = {};
    for (const line of body.subarray(start, headerEnd).toString('latin1').split(CRLF)) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const contentStart = headerEnd + (blank ? 2 : 4);
    const end = body.indexOf(next, contentStart);
    if (end < 0)
      throw attachmentError(`part ${parts.length + 1}`, 'is not followed by the boundary');
    parts.push({ headers, body: body.subarray(contentStart, end) });
    if (parts.length > MAX_PARTS + 1)
      throw attachmentError('request', `has more than ${MAX_PARTS} attachment parts`);
    pos = end + 2;
  }
}

export function hashOf(body: Buffer, hexLength: number): string | undefined {
  const algorithm = HASHES[hexLength];
  return algorithm && createHash(algorithm).update(body).digest('hex');
}

/** The statement(s) of a PUT or POST, and the attachment parts when it is multipart/mixed. */
export async function statementRequest(
  c: Context,
): Promise<{ json: unknown; attachments: XapiAttachment[] }> {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/json\b/i.test(type)) {
    try {
      return { json: await c.req.json(), attachments: [] };
    } catch {
      throw new ApiError(400, 'invalid_json', 'error.invalidJson');
    }
  }
  if (!/^multipart\/mixed\b/i.test(type))
    throw new ApiError(400, 'invalid_body', 'error.xapi.body', {
      what: 'application/json or multipart/mixed',
    });
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!boundary) throw attachmentError('request', 'multipart/mixed needs a boundary parameter');
  const [first, ...rest] = parseMultipart(
    Buffer.from(await c.req.arrayBuffer()),
    boundary[1] ?? boundary[2]!,
  );
  if (!first || !/^application\/json\b/i.test(first.headers['content-type'] ?? ''))
    throw attachmentError('part 1', 'must be the statement(s) as application/json');
  let json: unknown;
  try {
    json = JSON.parse(first.body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_json', 'error.invalidJson');
  }
  const attachments = rest.map((part, i) => {
    const name = `part ${i + 2}`;
    const hash = part.headers['x-experience-api-hash']?.toLowerCase();
    if (!hash || !/^[0-9a-f]+$/.test(hash))
      throw attachmentError(name, 'needs an X-Experience-API-Hash header with its hex SHA-2');
    if (part.headers['content-transfer-encoding']?.toLowerCase() !== 'binary')
      throw attachmentError(name, 'needs Content-Transfer-Encoding: binary');
    const contentType = part.headers['content-type'];
    if (!contentType) throw attachmentError(name, 'needs a Content-Type header');
    const actual = hashOf(part.body, hash.length);
    if (actual === undefined)
      throw attachmentError(name, 'X-Experience-API-Hash must be a SHA-224, 256, 384 or 512');
    if (actual !== hash)
      throw attachmentError(name, 'its content does not match its X-Experience-API-Hash');
    return { sha2: hash, contentType, body: Buffer.from(part.body) };
  });
  return { json, attachments };
}

const declared = (statement: Json) =>
  ((statement.attachments as Json[] | undefined) ?? []).map((a, i) => ({
    index: i,
    sha2: String(a.sha2).toLowerCase(),
    fileUrl: a.fileUrl as string | undefined,
    usageType: a.usageType as string,
    contentType: a.contentType as string,
  }));

/**
 * Checks that the parts and the statements' attachments match one to one by hash; `paths` names
 * each statement in messages (`statements[1]`).
 */
export function matchAttachments(statements: Json[], paths: string[], parts: XapiAttachment[]) {
  const hashes = new Set(parts.map((p) => p.sha2));
  const named = new Set<string>();
  statements.forEach((s, i) => {
    for (const a of declared(s)) {
      named.add(a.sha2);
      if (a.fileUrl === undefined && !hashes.has(a.sha2))
        throw attachmentError(
          `${paths[i]}.attachments[${a.index}]`,
          'has no fileUrl and no part of the request carries its sha2',
        );
    }
  });
  parts.forEach((p, i) => {
    if (!named.has(p.sha2))
      throw attachmentError(`part ${i + 2}`, 'belongs to no attachment of the statement(s)');
  });
}

/** The hashes of the attachments these statements name. */
export const attachmentHashes = (statements: Json[]) => [
  ...new Set(statements.flatMap((s) => declared(s).map((a) => a.sha2))),
];

/** A multipart/mixed answer: the JSON, then each attachment as a binary part. */
export function multipartAnswer(
  json: unknown,
  attachments: XapiAttachment[],
): { type: string; body: Buffer } {
  const boundary = `xapi-${randomUUID()}`;
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}${CRLF}Content-Type: application/json${CRLF}${CRLF}${JSON.stringify(json)}${CRLF}`,
    ),
  ];
  for (const a of attachments)
    chunks.push(
      Buffer.from(
        `--${boundary}${CRLF}Content-Type: ${a.contentType}${CRLF}Content-Transfer-Encoding: binary${CRLF}X-Experience-API-Hash: ${a.sha2}${CRLF}${CRLF}`,
      ),
      a.body,
      Buffer.from(CRLF),
    );
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return { type: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
