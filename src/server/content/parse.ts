/**
 * The authoring format: one Markdown file per module (see content/README.md).
 *
 *   --- front matter (YAML) ---     id, title, summary, competencies, pathways, roles
 *   ## Lesson title {#slug minutes=4}
 *   card text …
 *   ---                             (a line of three dashes separates cards)
 *   > [!takeaway] / > [!note]       a key-takeaway or callout card
 *   ### Quiz: prompt                a quiz card; "### Quiz (multiple): …", "### Quiz (true/false): …"
 *   - [x] right answer              options; indented "> …" lines under an option explain it
 *
 * Every problem is reported with its file and line. Markdown is rendered with raw HTML disabled
 * and markdown-it's link validation, so no author text can produce a script, an inline handler
 * or a javascript: URL.
 */
import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ContentProblem } from '../../core/api-admin';
import { issuePhrase } from '../../core/phrases/errors';
import { uploadPhrase } from '../../core/phrases/uploads';
import type { Phrase } from '../../core/wording';
import { learningModule, type Card, type LearningModule, type Lesson } from '../../core/content';
import {
  countWords,
  estimateLessonMinutes,
  MAX_LESSON_MINUTES,
  sumMinutes,
} from '../../core/estimate';

/** A problem on a line of a content file (the upload reply's type). */
export type { ContentProblem };

/** Reports a problem at a line of the file being parsed. */
type Problem = (line: number, phrase: Phrase) => void;

export interface ParseResult {
  module?: LearningModule;
  errors: ContentProblem[];
  warnings: ContentProblem[];
  /** The line of each lesson (by lesson id) and card (`<lesson id>/<card id>`), for later checks. */
  lines?: Record<string, number>;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });

const frontMatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'error.field.moduleId'),
  title: z.string().min(1),
  summary: z.string().default(''),
  competencies: z.array(z.string()).default([]),
  pathways: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
});

interface Line {
  text: string;
  no: number;
}

export function renderMarkdown(source: string): string {
  return md.render(source).trim();
}

export function renderInline(source: string): string {
  return md.renderInline(source).trim();
}

function plainText(html: string): string {
  return html.replace(/<[^<>]+>/g, ' ').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, ' ');
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter(Boolean)
    .join('-')
    .slice(0, 60);
}

/** The longest line a module file may have: every line is matched against patterns. */
export const MAX_LINE_CHARS = 20_000;

export function parseModule(file: string, source: string): ParseResult {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const problem: Problem = (line, phrase) =>
    errors.push({ file, line, message: phrase.text, phrase });
  const lines: Line[] = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((text, i) => ({ text, no: i + 1 }));

  const long = lines.find((l) => l.text.length > MAX_LINE_CHARS);
  if (long) {
    problem(long.no, uploadPhrase('upload.module.longLine', { max: MAX_LINE_CHARS }));
    return { errors, warnings };
  }
  if (lines[0]?.text.trim() !== '---') {
    problem(1, uploadPhrase('upload.module.noFrontMatter'));
    return { errors, warnings };
  }
  const fmEnd = lines.findIndex((l, i) => i > 0 && l.text.trim() === '---');
  if (fmEnd < 0) {
    problem(1, uploadPhrase('upload.module.frontMatterOpen'));
    return { errors, warnings };
  }
  let meta: z.infer<typeof frontMatter> | undefined;
  try {
    const parsed = frontMatter.safeParse(
      parseYaml(
        lines
          .slice(1, fmEnd)
          .map((l) => l.text)
          .join('\n'),
      ),
    );
    if (parsed.success) meta = parsed.data;
    else
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const at = lines.slice(1, fmEnd).find((l) => key && l.text.startsWith(`${key}:`));
        problem(at?.no ?? 1, issuePhrase(issue, 'front matter'));
      }
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0] ?? '';
    problem(1, uploadPhrase('upload.module.yaml', { detail }));
  }

  const lessons: Lesson[] = [];
  const body = lines.slice(fmEnd + 1);
  const fenced = insideFences(body);
  const starts = body.flatMap((l, i) => (l.text.startsWith('## ') && !fenced[i] ? [i] : []));
  if (starts.length === 0)
    problem(body[0]?.no ?? fmEnd + 2, uploadPhrase('upload.module.noLesson'));
  const firstStart = starts[0] ?? body.length;
  if (body.slice(0, firstStart).some((l) => l.text.trim() !== ''))
    problem(
      body.find((l) => l.text.trim() !== '')!.no,
      uploadPhrase('upload.module.textBeforeLesson'),
    );
  const seenLessonIds = new Set<string>();
  const at: Record<string, number> = {};
  starts.forEach((start, i) => {
    const heading = body[start]!;
    const lessonLines = body.slice(start + 1, starts[i + 1] ?? body.length);
    const lesson = parseLesson(meta?.id ?? 'module', heading, lessonLines, problem, at);
    if (!lesson) return;
    at[lesson.id] = heading.no;
    if (seenLessonIds.has(lesson.id))
      problem(heading.no, uploadPhrase('upload.module.duplicateLesson', { id: lesson.id }));
    seenLessonIds.add(lesson.id);
    if (lesson.estimateMinutes > MAX_LESSON_MINUTES) {
      const phrase = uploadPhrase('upload.module.longLesson', {
        title: lesson.title,
        minutes: lesson.estimateMinutes,
        max: MAX_LESSON_MINUTES,
      });
      warnings.push({ file, line: heading.no, message: phrase.text, phrase });
    }
    lessons.push(lesson);
  });

  if (!meta || errors.length > 0) return { errors, warnings };
  const candidate = {
    ...meta,
    summary: meta.summary,
    estimateMinutes: sumMinutes(lessons),
    version: createHash('sha256').update(source).digest('hex').slice(0, 12),
    lessons,
  };
  const checked = learningModule.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) problem(1, issuePhrase(issue, 'module'));
    return { errors, warnings };
  }
  return { module: checked.data, errors, warnings, lines: at };
}

/** For each line, whether it sits inside a ``` or ~~~ code fence (fence lines included). */
function insideFences(lines: Line[]): boolean[] {
  let open = false;
  return lines.map((l) => {
    const fence = /^(```|~~~)/.test(l.text.trim());
    if (fence) open = !open;
    return open || fence;
  });
}

/**
 * A lesson heading's title and `{…}` attributes, read with string scans rather than a pattern:
 * `/^##\s+(.*?)\s*(?:\{([^}]*)\})?\s*$/` backtracked cubically on a heading of spaces (2,000
 * spaces froze the server for 5 s).
 */
export function splitHeading(text: string): { title: string; attrs: string } {
  const rest = text.slice(2).trim();
  if (!rest.endsWith('}')) return { title: rest, attrs: '' };
  const inner = rest.slice(0, -1);
  const open = inner.indexOf('{', inner.lastIndexOf('}') + 1);
  if (open < 0) return { title: rest, attrs: '' };
  return { title: inner.slice(0, open).trim(), attrs: inner.slice(open + 1) };
}

function parseLesson(
  moduleId: string,
  heading: Line,
  lines: Line[],
  problem: Problem,
  at: Record<string, number>,
): Lesson | undefined {
  const { title, attrs } = splitHeading(heading.text);
  if (!title) {
    problem(heading.no, uploadPhrase('upload.lesson.noTitle'));
    return undefined;
  }
  const slugAttr = /#(\S+)/.exec(attrs)?.[1];
  if (slugAttr !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(slugAttr))
    problem(heading.no, uploadPhrase('upload.lesson.id', { id: slugAttr }));
  const slug = slugAttr ?? slugify(title);
  const minutesAttr = /minutes=(\S+)/.exec(attrs)?.[1];
  let overrideMinutes: number | undefined;
  if (minutesAttr !== undefined) {
    overrideMinutes = Number(minutesAttr);
    if (!Number.isInteger(overrideMinutes) || overrideMinutes < 1 || overrideMinutes > 60) {
      problem(heading.no, uploadPhrase('upload.lesson.minutes', { value: minutesAttr }));
      overrideMinutes = undefined;
    }
  }

  const cards: Card[] = [];
  let words = 0;
  let quizQuestions = 0;
  let mediaSeconds = 0;
  for (const block of splitCards(lines)) {
    const id = `c${cards.length + 1}`;
    const first = block.find((l) => l.text.trim() !== '')!;
    at[`${moduleId}.${slug}/${id}`] = first.no;
    if (/^###\s+Quiz\b/i.test(first.text)) {
      const quiz = parseQuiz(id, block, problem);
      if (quiz) {
        cards.push(quiz);
        quizQuestions++;
      }
      continue;
    }
    const kept: string[] = [];
    const blockFenced = insideFences(block);
    for (const [i, l] of block.entries()) {
      if (blockFenced[i]) {
        kept.push(l.text);
        continue;
      }
      const media = /^\{media=(\d+)\}\s*$/.exec(l.text.trim());
      if (media) mediaSeconds += Number(media[1]);
      else kept.push(l.text);
      for (const image of l.text.matchAll(/!\[([^[\]]*)\]\(([^()]*)\)/g))
        if (!image[1]!.trim()) problem(l.no, uploadPhrase('upload.lesson.imageAlt'));
    }
    let kind: 'text' | 'callout' | 'takeaway' = 'text';
    const marker = /^>\s*\[!(takeaway|note|tip|warning)\]\s*$/i.exec(first.text.trim());
    if (marker) {
      kind = marker[1]!.toLowerCase() === 'takeaway' ? 'takeaway' : 'callout';
      const at = kept.findIndex((t) => t.trim() === first.text.trim());
      kept.splice(at, 1);
    }
    const source = kept.map((t) => (kind === 'text' ? t : t.replace(/^>\s?/, ''))).join('\n');
    const html = renderMarkdown(source);
    words += countWords(plainText(html));
    cards.push({ id, kind, html });
  }
  if (cards.length === 0) {
    problem(heading.no, uploadPhrase('upload.lesson.noCards', { title }));
    return undefined;
  }
  return {
    id: `${moduleId}.${slug}`,
    title,
    estimateMinutes: estimateLessonMinutes({ words, quizQuestions, mediaSeconds, overrideMinutes }),
    cards,
  };
}

/** Splits a lesson body into cards at "---" lines and before each "### Quiz" heading. */
function splitCards(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  let inFence = false;
  const flush = () => {
    if (current.some((l) => l.text.trim() !== '')) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    if (/^(```|~~~)/.test(line.text.trim())) inFence = !inFence;
    if (!inFence && line.text.trim() === '---') {
      flush();
      continue;
    }
    if (!inFence && /^###\s+Quiz\b/i.test(line.text)) flush();
    current.push(line);
  }
  flush();
  return blocks;
}

const quizHeading = /^###\s+Quiz\s*(?:\((single|multiple|true\/false)\))?\s*:\s*(.*)$/i;
const optionLine = /^[-*]\s+\[( |x|X)\]\s+(.*)$/;

function parseQuiz(
  id: string,
  block: Line[],
  problem: Problem,
): Card | undefined {
  const head = block.find((l) => l.text.trim() !== '')!;
  const match = quizHeading.exec(head.text.trim());
  if (!match || !match[2]!.trim()) {
    problem(
      head.no,
      uploadPhrase('upload.quiz.heading'),
    );
    return undefined;
  }
  const modeWord = (match[1] ?? 'single').toLowerCase();
  const mode = modeWord === 'true/false' ? 'truefalse' : (modeWord as 'single' | 'multiple');
  const promptExtra: string[] = [];
  const options: Array<{ text: string; correct: boolean; explanation: string[]; no: number }> = [];
  for (const line of block.slice(block.indexOf(head) + 1)) {
    const option = optionLine.exec(line.text);
    if (option) {
      options.push({ text: option[2]!, correct: option[1] !== ' ', explanation: [], no: line.no });
    } else if (/^\s+>\s?/.test(line.text) && options.length > 0) {
      options.at(-1)!.explanation.push(line.text.replace(/^\s+>\s?/, ''));
    } else if (line.text.trim() !== '') {
      if (options.length > 0)
        problem(line.no, uploadPhrase('upload.quiz.explanationPlace'));
      else promptExtra.push(line.text);
    }
  }
  const correct = options.filter((o) => o.correct).length;
  if (options.length < 2)
    problem(head.no, uploadPhrase('upload.quiz.twoOptions'));
  else if (correct === 0) problem(head.no, uploadPhrase('upload.quiz.noCorrect'));
  else if (mode !== 'multiple' && correct > 1)
    problem(head.no, uploadPhrase('upload.quiz.severalCorrect'));
  else if (mode === 'truefalse' && options.length !== 2)
    problem(head.no, uploadPhrase('upload.quiz.trueFalse'));
  for (const o of options)
    if (o.explanation.length === 0)
      problem(o.no, uploadPhrase('upload.quiz.explain'));
  if (options.length < 2 || correct === 0) return undefined;
  return {
    id,
    kind: 'quiz',
    mode,
    promptHtml: renderMarkdown([match[2]!, ...promptExtra].join('\n\n')),
    options: options.map((o, i) => ({
      id: String.fromCharCode(97 + i),
      html: renderInline(o.text),
      correct: o.correct,
      explanationHtml: renderMarkdown(o.explanation.join('\n')),
    })),
  };
}
