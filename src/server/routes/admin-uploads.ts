/**
 * An admin's module upload: `validate` answers every problem as `file:line: message` (English,
 * with a phrase the admin's app words) and what the module would be; `import` saves the module,
 * or its translation (`<module>.de.md`, which must match the module card for card).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ModuleCheckReply, ModuleImportReply } from '../../core/api-admin';
import type { Locale } from '../../core/wording';
import { requireRole } from '../auth/access';
import { requireUser } from '../auth/session';
import type { ParseResult } from '../content/parse';
import { checkTranslation, translationOf } from '../content/translation';
import type { AppEnv } from '../env';
import { ApiError, errorBody, parseInput, readJson } from '../errors';

const moduleUpload = z.object({
  fileName: z
    .string()
    .regex(/^[\w.-]{1,100}\.md$/, 'error.field.markdownName')
    .default('upload.md'),
  source: z
    .string()
    .min(1)
    .max(512 * 1024),
});

async function uploadChecked(
  c: Context<AppEnv>,
  body: z.infer<typeof moduleUpload>,
): Promise<ParseResult & { locale?: Locale }> {
  const { store } = c.var.deps;
  const catalog = await store.getCatalog(c.var.user.orgId);
  // Off the request thread, with a time limit (content/off-thread.ts).
  const result = await c.var.deps.uploads.parse({
    kind: 'module',
    file: body.fileName,
    source: body.source,
    competencies: catalog.competencies,
  });
  // A translation (`<module>.de.md`) must match the module it translates, card for card.
  const base = translationOf(body.fileName)?.base;
  const original = base ? await store.getModule(base, c.var.user.orgId) : undefined;
  return checkTranslation(body.fileName, result, original);
}

export const adminUploadRoutes = new Hono<AppEnv>()
  .use('/admin/content/*', requireUser(), requireRole('admin'))
  .post('/admin/content/validate', async (c) => {
    const body = parseInput(moduleUpload, await readJson(c));
    const result = await uploadChecked(c, body);
    return c.json({
      ok: result.errors.length === 0,
      errors: result.errors,
      warnings: result.warnings,
      ...(result.module && {
        module: {
          id: result.module.id,
          title: result.module.title,
          lessons: result.module.lessons.length,
          estimateMinutes: result.module.estimateMinutes,
        },
      }),
    } satisfies ModuleCheckReply);
  })
  .post('/admin/content/import', async (c) => {
    const body = parseInput(moduleUpload, await readJson(c));
    const result = await uploadChecked(c, body);
    if (!result.module || result.errors.length)
      return c.json(
        {
          ...errorBody('invalid_content', 'error.contentProblems', {
            count: result.errors.length,
            file: body.fileName,
          }),
          errors: result.errors,
        },
        422,
      );
    const { store } = c.var.deps;
    const saved = result.locale
      ? (await store.saveTranslation(result.module, result.locale, c.var.user.orgId)) === 'saved'
      : await store.saveModule(result.module, c.var.user.orgId);
    if (!saved)
      throw new ApiError(409, 'module_taken', 'error.moduleTaken', { id: result.module.id });
    return c.json(
      {
        module: { id: result.module.id, title: result.module.title },
        ...(result.locale && { locale: result.locale }),
      } satisfies ModuleImportReply,
      201,
    );
  });
