import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../src/core/sync';

/** The definition: JSON.stringify of the value with keys sorted at every depth. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

describe('canonicalEvent', () => {
  it('keeps nested content and ignores key order at every depth', () => {
    const a = canonicalEvent({ type: 't', answers: [{ cardId: 'c1', answerIds: ['a'] }] });
    const b = canonicalEvent({ answers: [{ answerIds: ['a'], cardId: 'c1' }], type: 't' });
    expect(a).toBe(b);
    expect(a).toBe('{"answers":[{"answerIds":["a"],"cardId":"c1"}],"type":"t"}');
    expect(canonicalEvent({ answers: [{ cardId: 'c1', answerIds: ['b'] }] })).not.toBe(
      canonicalEvent({ answers: [{ cardId: 'c1', answerIds: ['a'] }] }),
    );
  });

  it('writes exactly the sorted JSON the stored events were compared with', () => {
    // Stored bodies are compared byte for byte to tell a duplicate from a conflict, so the
    // one-pass writer must agree with the definition on any JSON value, odd keys included.
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.string(), fc.nat().map(String), fc.constant('4294967296')),
          fc.jsonValue(),
        ),
        (value) => {
          expect(canonicalEvent(value)).toBe(JSON.stringify(sortKeys(value)));
        },
      ),
      { numRuns: 500 },
    );
    expect(canonicalEvent({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });
});
