/**
 * An admin's module upload, checked against what their organisation may claim: the Markdown is
 * parsed as any module is, then every competency the module says it teaches must be one the
 * organisation's catalog defines. (Otherwise one upload with one lesson could award every
 * competency badge, or name competencies that exist nowhere.)
 */
import type { Catalog } from '../../core/content';
import { uploadPhrase } from '../../core/phrases/uploads';
import { parseModule, type ContentProblem, type ParseResult } from './parse';

/** The front-matter line that names `key`, else line 1. */
function lineOf(source: string, key: string): number {
  const index = source.split(/\r\n?|\n/).findIndex((l) => l.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 1;
}

/** Competencies `result`'s module claims that `catalog` does not define, as line problems. */
export function undefinedCompetencies(
  file: string,
  source: string,
  result: ParseResult,
  catalog: Pick<Catalog, 'competencies'>,
): ContentProblem[] {
  const known = new Set(catalog.competencies.map((c) => c.id));
  return (result.module?.competencies ?? [])
    .filter((id) => !known.has(id))
    .map((id) => {
      const phrase = uploadPhrase('upload.module.unknownCompetency', { id });
      return { file, line: lineOf(source, 'competencies'), message: phrase.text, phrase };
    });
}

/** Parses an upload and checks its claims against the uploader's catalog. */
export function checkUpload(
  file: string,
  source: string,
  catalog: Pick<Catalog, 'competencies'>,
): ParseResult {
  const result = parseModule(file, source);
  const errors = [...result.errors, ...undefinedCompetencies(file, source, result, catalog)];
  return { ...result, errors };
}
