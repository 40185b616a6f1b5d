import { describe, expect, it } from 'vitest';
import { TOASTS_SHOWN, visibleToasts, type Toast } from '../../../src/ui/lib/toasts';

const list = (n: number): Toast[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, kind: 'error', message: `m${i + 1}` }));

describe('visibleToasts', () => {
  it('shows the newest two and counts the rest as hidden, until expanded', () => {
    expect(TOASTS_SHOWN).toBe(2);
    expect(visibleToasts(list(2), false)).toEqual({ shown: list(2), hidden: 0 });
    const five = list(5);
    expect(visibleToasts(five, false)).toEqual({ shown: [five[3], five[4]], hidden: 3 });
    expect(visibleToasts(five, true)).toEqual({ shown: five, hidden: 0 });
    expect(visibleToasts([], false)).toEqual({ shown: [], hidden: 0 });
  });
});
