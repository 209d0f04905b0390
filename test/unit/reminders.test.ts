import { describe, expect, it } from 'vitest';
import { EVENING_HOUR, localHour, nudgeDue } from '../../src/core/reminders';

describe('evening nudge', () => {
  it('is due in the learner’s evening when today’s goal is not met', () => {
    expect(nudgeDue({ goal: 2, todayCount: 1 }, EVENING_HOUR)).toBe(1);
    expect(nudgeDue({ goal: 1, todayCount: 0 }, 23)).toBe(1);
  });
  it('is not due before the evening or once the goal is met', () => {
    expect(nudgeDue({ goal: 1, todayCount: 0 }, EVENING_HOUR - 1)).toBe(0);
    expect(nudgeDue({ goal: 2, todayCount: 2 }, 21)).toBe(0);
  });
  it('reads the hour on the learner’s own clock', () => {
    const t = Date.parse('2026-11-25T17:30:00Z');
    expect(localHour(t, 'Europe/Berlin')).toBe(18);
    expect(localHour(t, 'America/New_York')).toBe(12);
    expect(localHour(Date.parse('2026-11-25T23:30:00Z'), 'UTC')).toBe(23);
  });
});
