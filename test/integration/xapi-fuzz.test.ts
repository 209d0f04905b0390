/** The LRS at /xapi (issue 19): random statements and queries never make it answer 500. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ann } from '../support/xapi-statement';
import { post, get, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe('fuzz', () => {
  const agentish = fc.oneof(
    fc.constant(ann),
    fc.record({ mbox: fc.string() }),
    fc.record({ account: fc.record({ homePage: fc.webUrl(), name: fc.string() }) }),
    fc.anything(),
  );
  const statementish = fc.record(
    {
      id: fc.oneof(fc.uuid(), fc.string()),
      actor: agentish,
      verb: fc.oneof(fc.record({ id: fc.webUrl() }), fc.anything()),
      object: fc.oneof(fc.record({ id: fc.webUrl() }), agentish, fc.anything()),
      result: fc.anything(),
      context: fc.anything(),
      timestamp: fc.oneof(
        fc.date().map((d) => (isNaN(d.getTime()) ? 'x' : d.toISOString())),
        fc.string(),
      ),
    },
    { requiredKeys: [] },
  );

  it('answers generated statements and queries with 2xx or a 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(statementish, fc.array(statementish, { maxLength: 3 }), fc.anything()),
        fc.dictionary(
          fc.constantFrom('agent', 'verb', 'activity', 'since', 'limit', 'format', 'more', 'x'),
          fc.string(),
        ),
        async (body, query) => {
          const sent = await post(body);
          const read = await get(`?${new URLSearchParams(query).toString()}`);
          for (const res of [sent, read]) {
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400)
              expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
