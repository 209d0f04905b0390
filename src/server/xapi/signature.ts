/**
 * Signed statements (xAPI 2.0 Data §2.6 / 1.0.3 §4.4): a statement is signed by an attachment of
 * usageType `…/attachments/signature`, contentType `application/octet-stream`, whose part is a
 * JWS in compact serialization. The LRS refuses (400) a signature that is malformed, uses an
 * algorithm other than RS256/RS384/RS512, does not verify with the certificate its `x5c` header
 * carries (when it carries one), or whose payload is not the statement as sent, less the signature
 * attachment (the properties the LRS sets — id when absent, stored, authority, version — aside).
 */
import { X509Certificate, verify } from 'node:crypto';
import { ApiError } from '../errors';
import type { XapiAttachment } from '../store/store';
import { sameStatement } from './format';

type Json = Record<string, unknown>;
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const HASH_OF: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

const signatureError = (path: string, problem: string) =>
  new ApiError(400, 'invalid_signature', 'error.xapi.signature', { path, problem });

/** The statement without its signature attachment(s), as it was before it was signed. */
function unsigned(statement: Json): Json {
  const { attachments, ...rest } = statement;
  const kept = ((attachments as Json[] | undefined) ?? []).filter(
    (a) => a.usageType !== SIGNATURE_USAGE,
  );
  return kept.length ? { ...rest, attachments: kept } : rest;
}

function decode(piece: string, path: string): Json {
  try {
    const value = JSON.parse(Buffer.from(piece, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  } catch {
    // reported below
  }
  throw signatureError(path, 'is not a JWS whose header and payload are JSON objects');
}

function check(jws: string, statement: Json, path: string) {
  const pieces = jws.trim().split('.');
  if (pieces.length !== 3 || pieces.some((p) => !/^[\w-]*$/.test(p)))
    throw signatureError(path, 'is not a JWS in compact serialization');
  const [head, body, signature] = pieces as [string, string, string];
  const header = decode(head, path);
  const payload = decode(body, path);
  const hash = HASH_OF[String(header.alg)];
  if (!hash) throw signatureError(path, 'must use the algorithm RS256, RS384 or RS512');
  if (header.x5c !== undefined) {
    const chain = header.x5c;
    if (!Array.isArray(chain) || typeof chain[0] !== 'string')
      throw signatureError(path, 'x5c must be a list of base64 certificates');
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(Buffer.from(chain[0], 'base64'));
    } catch {
      throw signatureError(path, 'the first x5c entry is not an X.509 certificate');
    }
    let valid: boolean;
    try {
      valid = verify(
        hash,
        Buffer.from(`${head}.${body}`),
        certificate.publicKey,
        Buffer.from(signature, 'base64url'),
      );
    } catch {
      valid = false;
    }
    if (!valid) throw signatureError(path, 'does not verify with the certificate in x5c');
  }
  if (
    payload.id !== undefined &&
    String(payload.id).toLowerCase() !== String(statement.id ?? '').toLowerCase()
  )
    throw signatureError(path, 'signs a statement with another id');
  if (!sameStatement(unsigned(statement), unsigned(payload)))
    throw signatureError(path, 'signs a statement that differs from this one');
}

/**
 * Checks every signature attachment of the statements against its part; `paths` names each
 * statement in messages. Runs after `matchAttachments`, so every part named is present.
 */
export function verifySignatures(statements: Json[], paths: string[], parts: XapiAttachment[]) {
  statements.forEach((statement, i) => {
    ((statement.attachments as Json[] | undefined) ?? []).forEach((a, j) => {
      if (a.usageType !== SIGNATURE_USAGE) return;
      const path = `${paths[i]}.attachments[${j}]`;
      if (a.contentType !== 'application/octet-stream')
        throw signatureError(path, 'a signature’s contentType must be application/octet-stream');
      const part = parts.find((p) => p.sha2 === String(a.sha2).toLowerCase());
      if (!part) throw signatureError(path, 'a signature must be sent as a part of the request');
      check(part.body.toString('utf8'), statement, path);
    });
  });
}
