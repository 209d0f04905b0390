/**
 * The Statements resource (xAPI 2.0 Communication §2.1): PUT one statement by `statementId`,
 * POST one or a list (statement-write.ts), GET one (`statementId`, `voidedStatementId`) or a
 * page of a query with `more` paging (statement-query.ts), HEAD (Hono answers it with GET's
 * headers).
 */
import { Hono, type Context } from 'hono';
import { ApiError } from '../errors';
import { attachmentHashes, multipartAnswer, statementRequest } from './attachments';
import type { XapiEnv } from './env';
import { acceptedLanguages, formatStatement } from './format';
import { statementsOf } from './statement-read';
import {
  flag,
  formatOf,
  fromMoreToken,
  moreToken,
  origin,
  parameterError,
  parsePage,
  SINGLE_PARAMS,
  type Page,
} from './statement-query';
import { prepare, storeAll } from './statement-write';
import { isUuid } from './validate';

type Json = Record<string, unknown>;

/**
 * Answers statements as JSON, or with `attachments=true` as multipart/mixed with the raw data of
 * the attachments they name (those of `statements`, in full, before any format).
 */
async function answerStatements(
  c: Context<XapiEnv>,
  body: unknown,
  lastStored: number | undefined,
  withAttachments?: Json[],
) {
  c.header('X-Experience-API-Consistent-Through', new Date(c.var.deps.now()).toISOString());
  if (lastStored !== undefined) c.header('Last-Modified', new Date(lastStored).toUTCString());
  if (!withAttachments) return c.json(body as Json);
  const found = await c.var.deps.store.getAttachments(
    c.var.lrs.orgId,
    attachmentHashes(withAttachments),
  );
  const answer = multipartAnswer(body, found);
  return c.body(new Uint8Array(answer.body), 200, { 'Content-Type': answer.type });
}

export const statementRoutes = new Hono<XapiEnv>()
  .put('/statements', async (c) => {
    const statementId = c.req.query('statementId');
    if (!isUuid(statementId)) throw parameterError('statementId', 'is required and must be a UUID');
    const { json: raw, attachments } = await statementRequest(c);
    if (Array.isArray(raw))
      throw new ApiError(400, 'invalid_body', 'error.xapi.body', { what: 'one statement' });
    const body = raw as Json | null;
    if (
      body &&
      typeof body === 'object' &&
      body.id !== undefined &&
      String(body.id).toLowerCase() !== statementId.toLowerCase()
    )
      throw parameterError('statementId', 'differs from the statement’s id');
    const sent =
      body && typeof body === 'object' ? { ...body, id: statementId.toLowerCase() } : body;
    await storeAll(
      c,
      [prepare(c, sent, 'statement', c.var.deps.now())],
      ['statement'],
      attachments,
    );
    return c.body(null, 204);
  })
  .post('/statements', async (c) => {
    const { json: raw, attachments } = await statementRequest(c);
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0)
      throw new ApiError(400, 'invalid_body', 'error.xapi.body', {
        what: 'one statement or a list of them',
      });
    const stored = c.var.deps.now();
    const paths = list.map((_, i) => (Array.isArray(raw) ? `statements[${i}]` : 'statement'));
    const prepared = list.map((s, i) => prepare(c, s, paths[i]!, stored));
    await storeAll(c, prepared, paths, attachments);
    return c.json(prepared.map((p) => p.row.id));
  })
  .get('/statements', async (c) => {
    const params = c.req.query();
    const home = origin(c);
    const languages = acceptedLanguages(c.req.header('accept-language'));
    const { store, now } = c.var.deps;
    const orgId = c.var.lrs.orgId;
    const single = params.statementId ?? params.voidedStatementId;
    if (params.statementId !== undefined || params.voidedStatementId !== undefined) {
      for (const name of Object.keys(params))
        if (!SINGLE_PARAMS.includes(name))
          throw parameterError(name, 'cannot be combined with statementId or voidedStatementId');
      if (params.statementId !== undefined && params.voidedStatementId !== undefined)
        throw parameterError('statementId', 'cannot be combined with voidedStatementId');
      const name = params.statementId !== undefined ? 'statementId' : 'voidedStatementId';
      if (!isUuid(single)) throw parameterError(name, 'must be a UUID');
      const format = formatOf(params);
      const withAttachments = flag(params, 'attachments');
      const [row] = await store.getStatements(orgId, [single.toLowerCase()]);
      if (!row || row.voided !== (name === 'voidedStatementId'))
        throw new ApiError(404, 'not_found', 'error.xapi.noStatement');
      const [statement] = await statementsOf(store, [row], home);
      return answerStatements(
        c,
        formatStatement(statement!, format, languages),
        row.stored,
        withAttachments ? [statement!] : undefined,
      );
    }
    let page: Page;
    if (params.more !== undefined) {
      if (Object.keys(params).length > 1)
        throw parameterError('more', 'cannot be combined with other parameters');
      page = fromMoreToken(params.more);
    } else {
      page = parsePage(params, home);
      // The page and all that follow read as of now: what is stored later waits for a new query.
      page.query.until = Math.min(page.query.until ?? Infinity, now());
    }
    const rows = await store.queryStatements({ ...page.query, orgId, limit: page.query.limit + 1 });
    const shown = rows.slice(0, page.query.limit);
    const last = shown.at(-1);
    const more =
      rows.length > page.query.limit && last
        ? `/xapi/statements?more=${moreToken({ ...page, query: { ...page.query, after: { stored: last.stored, id: last.id } } })}`
        : '';
    const full = await statementsOf(store, shown, home);
    const statements = full.map((s) => formatStatement(s, page.format, languages));
    const newest = shown.reduce<number | undefined>(
      (m, r) => Math.max(m ?? 0, r.stored),
      undefined,
    );
    return answerStatements(c, { statements, more }, newest, page.attachments ? full : undefined);
  });
