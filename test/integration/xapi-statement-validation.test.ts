/**
 * The Learning Record Store at /xapi (issue 19), on SQLite and (project `postgres`) on PostgreSQL:
 * the statement requirements of the xAPI 2.0 Data part. Each row changes one property of a valid
 * statement and says whether an LRS must accept it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Json, ADL, ann, bob, course, statement } from '../support/xapi-statement';
import { post, get, ids, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

/** A valid SubStatement as a statement's object: Bob attempted the course. */
const subStatement = {
  objectType: 'SubStatement',
  actor: bob,
  verb: { id: `${ADL}attempted` },
  object: { id: course },
};

/** [requirement, statement, accepted] */
const dataRules: Array<[string, Json, boolean]> = [
  ['a minimal statement is accepted', statement(), true],
  ['an unknown top-level property is rejected', statement({ colour: 'red' }), false],
  ['actor is required', statement({ actor: undefined }), false],
  ['verb is required', statement({ verb: undefined }), false],
  ['object is required', statement({ object: undefined }), false],
  ['id must be a UUID', statement({ id: 'not-a-uuid' }), false],
  ['an agent needs an identifier', statement({ actor: { name: 'Nobody' } }), false],
  [
    'an agent has only one identifier',
    statement({ actor: { ...ann, openid: 'http://ann.example.com' } }),
    false,
  ],
  ['mbox is a mailto IRI', statement({ actor: { mbox: 'ann@example.com' } }), false],
  ['mbox_sha1sum is hex SHA-1', statement({ actor: { mbox_sha1sum: 'xyz' } }), false],
  ['an account has homePage and name', statement({ actor: { account: { name: 'ann' } } }), false],
  [
    'an account homePage is an IRI',
    statement({ actor: { account: { homePage: 'home', name: 'a' } } }),
    false,
  ],
  [
    'an account is accepted',
    statement({ actor: { account: { homePage: 'https://hr.example.com', name: 'a1' } } }),
    true,
  ],
  ['an agent objectType is Agent', statement({ actor: { ...ann, objectType: 'Person' } }), false],
  ['an anonymous group lists members', statement({ actor: { objectType: 'Group' } }), false],
  [
    'an anonymous group with members',
    statement({ actor: { objectType: 'Group', member: [ann, bob] } }),
    true,
  ],
  [
    'an identified group',
    statement({ actor: { objectType: 'Group', mbox: 'mailto:team@example.com' } }),
    true,
  ],
  [
    'group members are agents, not groups',
    statement({ actor: { objectType: 'Group', member: [{ objectType: 'Group', member: [ann] }] } }),
    false,
  ],
  ['verb id is an IRI', statement({ verb: { id: 'completed' } }), false],
  [
    'verb display is a language map',
    statement({ verb: { id: `${ADL}completed`, display: 'completed' } }),
    false,
  ],
  [
    'language map keys are RFC 5646 tags',
    statement({ verb: { id: `${ADL}completed`, display: { 'not a tag': 'x' } } }),
    false,
  ],
  ['activity id is an IRI', statement({ object: { id: 'safety' } }), false],
  [
    'activity definition has no unknown properties',
    statement({ object: { id: course, definition: { colour: 'red' } } }),
    false,
  ],
  [
    'interactionType is one of the list',
    statement({ object: { id: course, definition: { interactionType: 'essay' } } }),
    false,
  ],
  [
    'choices need an interactionType',
    statement({ object: { id: course, definition: { choices: [{ id: 'a' }] } } }),
    false,
  ],
  [
    'interaction component ids are unique',
    statement({
      object: {
        id: course,
        definition: { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] },
      },
    }),
    false,
  ],
  [
    'a choice interaction is accepted',
    statement({
      object: {
        id: course,
        definition: {
          interactionType: 'choice',
          correctResponsesPattern: ['a'],
          choices: [{ id: 'a', description: { en: 'A' } }],
        },
      },
    }),
    true,
  ],
  [
    'extension keys are IRIs',
    statement({ object: { id: course, definition: { extensions: { colour: 1 } } } }),
    false,
  ],
  ['an agent as object', statement({ object: { objectType: 'Agent', ...bob } }), true],
  [
    'a StatementRef needs a UUID id',
    statement({ object: { objectType: 'StatementRef', id: 'x' } }),
    false,
  ],
  ['a SubStatement is accepted', statement({ object: subStatement }), true],
  [
    'a SubStatement holds no SubStatement',
    statement({ object: { ...subStatement, object: subStatement } }),
    false,
  ],
  ['a SubStatement has no id', statement({ object: { ...subStatement, id: randomUUID() } }), false],
  [
    'an unknown objectType is rejected',
    statement({ object: { objectType: 'Thing', id: course } }),
    false,
  ],
  ['score.scaled is within -1..1', statement({ result: { score: { scaled: 1.5 } } }), false],
  [
    'score.raw is within min..max',
    statement({ result: { score: { raw: 11, min: 0, max: 10 } } }),
    false,
  ],
  ['score.min is below max', statement({ result: { score: { min: 5, max: 5 } } }), false],
  ['success is a boolean', statement({ result: { success: 'yes' } }), false],
  ['duration is ISO 8601', statement({ result: { duration: '4 minutes' } }), false],
  [
    'a full result is accepted',
    statement({
      result: {
        score: { scaled: 0.8, raw: 8, min: 0, max: 10 },
        success: true,
        completion: true,
        response: 'a',
        duration: 'PT4M30.5S',
      },
    }),
    true,
  ],
  ['registration is a UUID', statement({ context: { registration: '123' } }), false],
  ['instructor is an agent', statement({ context: { instructor: { name: 'x' } } }), false],
  ['team is a group', statement({ context: { team: ann } }), false],
  [
    'revision only with an activity object',
    statement({ object: { objectType: 'Agent', ...bob }, context: { revision: '2' } }),
    false,
  ],
  [
    'platform only with an activity object',
    statement({ object: { objectType: 'Agent', ...bob }, context: { platform: 'x' } }),
    false,
  ],
  ['context.language is a tag', statement({ context: { language: 'english please' } }), false],
  [
    'context.statement is a StatementRef',
    statement({ context: { statement: { id: randomUUID() } } }),
    false,
  ],
  [
    'contextActivities hold activities',
    statement({ context: { contextActivities: { parent: { id: 'nope' } } } }),
    false,
  ],
  [
    'contextActivities accept one or a list',
    statement({
      context: { contextActivities: { parent: { id: course }, grouping: [{ id: `${course}/1` }] } },
    }),
    true,
  ],
  [
    'contextAgents need objectType contextAgent',
    statement({ context: { contextAgents: [{ agent: bob }] } }),
    false,
  ],
  [
    'contextAgents are accepted',
    statement({
      context: {
        contextAgents: [
          {
            objectType: 'contextAgent',
            agent: bob,
            relevantTypes: ['http://example.com/types/coach'],
          },
        ],
      },
    }),
    true,
  ],
  ['timestamp has a time zone', statement({ timestamp: '2026-03-01T10:00:00' }), false],
  [
    'timestamp offset -00:00 is not allowed',
    statement({ timestamp: '2026-03-01T10:00:00-00:00' }),
    false,
  ],
  [
    'a timestamp with an offset is accepted',
    statement({ timestamp: '2026-03-01T10:00:00.123+01:00' }),
    true,
  ],
  ['version is 1.0.x or 2.0.x', statement({ version: '0.95' }), false],
  [
    'attachments need a sha2',
    statement({
      attachments: [
        {
          usageType: 'http://example.com/u',
          display: { en: 'A' },
          contentType: 'text/plain',
          length: 1,
        },
      ],
    }),
    false,
  ],
  [
    'a voiding statement refers to a StatementRef',
    statement({ verb: { id: `${ADL}voided` } }),
    false,
  ],
];

describe('statement validation (Data part)', () => {
  it.each(dataRules)('%s', async (_rule, body, accepted) => {
    const res = await post(body);
    expect(res.status).toBe(accepted ? 200 : 400);
    if (!accepted) {
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.message).toMatch(/statement|Parameter/);
    }
  });

  it('names the path of the problem', async () => {
    const res = await post([statement(), statement({ result: { duration: 'soon' } })]);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toContain('statements[1].result.duration');
    // Nothing of a rejected batch is stored.
    expect(await ids(await get(''))).toEqual([]);
  });
});
