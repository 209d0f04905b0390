import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../src/core/sync';

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
});
