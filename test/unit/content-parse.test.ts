import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, parseModule, splitHeading } from '../../src/server/content/parse';
import { loadContentDir } from '../../src/server/content/load';
import { ROOT } from '../support/server';
import { join } from 'node:path';

const good = `---
id: sample
title: A sample
summary: Short.
competencies: [feedback]
---

## First lesson {#first}

Some words to read here.

---

> [!takeaway]
> Remember this.

### Quiz: Which is right?
- [x] This one
  > Because it is.
- [ ] That one
  > It is not.

## Second lesson {minutes=4}

Text.
`;

describe('the module format', () => {
  it('parses lessons, cards, callouts and quizzes with estimates', () => {
    const { module, errors, warnings } = parseModule('sample.md', good);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(module!.lessons.map((l) => l.id)).toEqual(['sample.first', 'sample.second-lesson']);
    const [text, takeaway, quiz] = module!.lessons[0]!.cards;
    expect(text).toMatchObject({ kind: 'text', html: '<p>Some words to read here.</p>' });
    expect(takeaway).toMatchObject({ kind: 'takeaway', html: '<p>Remember this.</p>' });
    expect(quiz).toMatchObject({
      kind: 'quiz',
      mode: 'single',
      options: [
        { id: 'a', correct: true },
        { id: 'b', correct: false },
      ],
    });
    expect(module!.lessons[1]!.estimateMinutes).toBe(4);
    expect(module!.estimateMinutes).toBe(module!.lessons[0]!.estimateMinutes + 4);
  });

  it('reports problems with file and line', () => {
    const broken = good
      .replace('title: A sample\n', '')
      .replace('- [x] This one', '- [ ] This one')
      .replace('![', '![');
    const { module, errors } = parseModule('broken.md', broken + '\n![](pic.png)\n');
    expect(module).toBeUndefined();
    expect(errors).toContainEqual({
      file: 'broken.md',
      line: 1,
      message: 'title: this is required.',
      phrase: {
        key: 'error.field.missing',
        params: { field: 'title' },
        text: 'title: this is required.',
      },
    });
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'broken.md',
        line: 16,
        message: expect.stringContaining('at least one correct option'),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('alt text') }),
    );
  });

  it('keeps code blocks intact: no lesson split, no image or media rules inside them', () => {
    const withCode = good.replace(
      'Some words to read here.',
      'Example:\n\n```md\n## Not a lesson\n![](example.png)\n{media=600}\n```',
    );
    const { module, errors } = parseModule('code.md', withCode);
    expect(errors).toEqual([]);
    expect(module!.lessons).toHaveLength(2);
    expect(module!.lessons[0]!.estimateMinutes).toBeLessThan(3);
  });

  it('refuses a lesson id that is not lowercase', () => {
    const { errors } = parseModule('slug.md', good.replace('{#first}', '{#First}'));
    expect(errors).toEqual([
      {
        file: 'slug.md',
        line: 8,
        message: '{#First}: a lesson id uses lowercase letters, digits and -',
        phrase: expect.objectContaining({ key: 'upload.lesson.id', params: { id: 'First' } }),
      },
    ]);
  });

  it('does not count HTML entities as words', () => {
    const plain = parseModule('a.md', good.replace('Some words to read here.', 'cats and dogs'));
    const amp = parseModule('b.md', good.replace('Some words to read here.', 'cats & dogs'));
    expect(amp.module!.lessons[0]!.cards[0]).toMatchObject({ html: '<p>cats &amp; dogs</p>' });
    expect(plain.module!.lessons[0]!.estimateMinutes).toBe(amp.module!.lessons[0]!.estimateMinutes);
  });

  it('warns about lessons longer than seven minutes', () => {
    const long = good.replace('Some words to read here.', 'word '.repeat(1600));
    const { warnings } = parseModule('long.md', long);
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 8,
        message: expect.stringContaining('keep lessons to 7 min'),
      }),
    ]);
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '![x](javascript:alert(1))',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
  ])('renders hostile author text inert: %s', (payload) => {
    const { module } = parseModule('hostile.md', good.replace('Some words to read here.', payload));
    const html =
      module!.lessons[0]!.cards[0]!.kind === 'quiz'
        ? ''
        : (module!.lessons[0]!.cards[0] as { html: string }).html;
    expect(html).not.toMatch(
      /<script|<img[^>]+onerror|<svg|<iframe|href="javascript:|src="javascript:/i,
    );
  });
});

describe('the demo content', () => {
  it('is valid, with lessons of three to seven minutes and a quiz in every module', () => {
    const content = loadContentDir(join(ROOT, 'content'));
    expect(content.errors).toEqual([]);
    expect(content.warnings).toEqual([]);
    expect(content.modules.length).toBeGreaterThanOrEqual(1);
    for (const m of content.modules) {
      expect(m.lessons.some((l) => l.cards.some((c) => c.kind === 'quiz'))).toBe(true);
      for (const l of m.lessons) expect(l.estimateMinutes).toBeGreaterThanOrEqual(3);
      for (const l of m.lessons) expect(l.estimateMinutes).toBeLessThanOrEqual(7);
    }
  });
});

describe('hostile module files', () => {
  it('reads a heading’s title and attributes without a backtracking pattern', () => {
    expect(splitHeading('## Make it specific {#specific minutes=4}  ')).toEqual({
      title: 'Make it specific',
      attrs: '#specific minutes=4',
    });
    expect(splitHeading('## Plain title')).toEqual({ title: 'Plain title', attrs: '' });
    expect(splitHeading('## Braces {a} in {#b}')).toEqual({ title: 'Braces {a} in', attrs: '#b' });
    expect(splitHeading(`## ${' '.repeat(5_000)}{`)).toEqual({ title: '{', attrs: '' });
  });

  it('refuses a line longer than the cap, naming it', () => {
    const source = `---\nid: m\ntitle: M\n---\n\n## L\n\n${'x'.repeat(MAX_LINE_CHARS + 1)}\n`;
    const { module, errors } = parseModule('m.md', source);
    expect(module).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({
        line: 8,
        phrase: expect.objectContaining({ key: 'upload.module.longLine' }),
      }),
    ]);
  });
});
