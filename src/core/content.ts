/**
 * The shape of learning content after import: what `GET /api/v1/modules/:id` serves and what the
 * device caches for offline use. HTML here is already sanitized by the importer.
 */
import { z } from 'zod';
import { CONTENT_ID } from './content-id';
import { sealAssessment } from './mastery';
import { moduleImageSources } from './offline';

const id = z.string().regex(CONTENT_ID, 'lowercase letters, digits, - and .');

export const readingCard = z.object({
  id,
  kind: z.enum(['text', 'callout', 'takeaway']),
  html: z.string(),
});

/**
 * A quiz option. `correct` and `explanationHtml` are always stored; devices receive an
 * assessment's options without them (`sealAssessment` in mastery.ts), so its key stays on the
 * server until the attempt is graded.
 */
export const quizOption = z.object({
  id,
  html: z.string(),
  correct: z.boolean().optional(),
  explanationHtml: z.string().optional(),
});

export const quizCard = z.object({
  id,
  kind: z.literal('quiz'),
  mode: z.enum(['single', 'multiple', 'truefalse']),
  promptHtml: z.string(),
  options: z.array(quizOption).min(2),
});

export const card = z.discriminatedUnion('kind', [readingCard, quizCard]);

export const lesson = z.object({
  id,
  title: z.string().min(1),
  estimateMinutes: z.number().int().positive(),
  cards: z.array(card).min(1),
});

export const learningModule = z.object({
  id,
  title: z.string().min(1),
  summary: z.string(),
  competencies: z.array(z.string()),
  pathways: z.array(z.string()),
  roles: z.array(z.string()),
  estimateMinutes: z.number().int().positive(),
  /** Changes whenever the content changes, so caches can replace an old copy cleanly. */
  version: z.string(),
  lessons: z.array(lesson).min(1),
});

export type Card = z.infer<typeof card>;
export type QuizCard = z.infer<typeof quizCard>;
export type Lesson = z.infer<typeof lesson>;
export type LearningModule = z.infer<typeof learningModule>;

export interface CatalogModule {
  id: string;
  title: string;
  summary: string;
  competencies: string[];
  estimateMinutes: number;
  version: string;
  lessons: Array<{ id: string; title: string; estimateMinutes: number }>;
  /** What "Download for offline" stores of it, known before downloading: its text in bytes… */
  downloadBytes?: number;
  /** …and how many images it shows (their sizes are known only once downloaded)… */
  imageCount?: number;
  /** …namely these, as written (a path here or another server's URL): shared ones count once. */
  imageSources?: string[];
}

export interface Catalog {
  roles: Array<{
    id: string;
    title: string;
    levels: Array<{ id: string; title: string; competencies: string[] }>;
  }>;
  competencies: Array<{ id: string; title: string }>;
  pathways: Array<{ id: string; title: string; moduleIds: string[]; estimateMinutes: number }>;
  modules: CatalogModule[];
}

export function toCatalogModule(m: LearningModule): CatalogModule {
  // What a device downloads is the sealed module (its assessment without key or explanations).
  const served = sealAssessment(m);
  return {
    id: m.id,
    title: m.title,
    summary: m.summary,
    competencies: m.competencies,
    estimateMinutes: m.estimateMinutes,
    version: m.version,
    lessons: m.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      estimateMinutes: l.estimateMinutes,
    })),
    downloadBytes: new TextEncoder().encode(JSON.stringify(served)).length,
    imageCount: moduleImageSources(served).length,
    imageSources: moduleImageSources(served),
  };
}
