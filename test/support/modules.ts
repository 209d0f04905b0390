/** Module files an admin uploads in the tests. */
import type { Card, LearningModule } from '../../src/core/content';

/** A small valid module with one lesson and one card, outside the shipped content. */
export const LISTENING_MODULE = `---
id: listening-well
title: Listening well
competencies: [feedback]
---

## Listen first {#listen}

Most people listen to reply.
`;

/**
 * A module of one lesson (`<id>.l1`) holding `cards`, every other field as small as it can be;
 * `fields` overrides them (version, estimate, title, competencies).
 */
export function oneLessonModule(
  id: string,
  cards: Card[],
  fields: Partial<Omit<LearningModule, 'id' | 'lessons'>> = {},
): LearningModule {
  const estimateMinutes = fields.estimateMinutes ?? 2;
  return {
    id,
    title: id,
    summary: '',
    competencies: [],
    pathways: [],
    roles: [],
    estimateMinutes,
    version: 'v1',
    ...fields,
    lessons: [{ id: `${id}.l1`, title: 'One', estimateMinutes, cards }],
  };
}
