import { describe, expect, it } from 'vitest';
import { highlightTerm } from './highlight-term';

describe('highlightTerm', () => {
  it('marks the matched term where the user wrote it, evasions included', () => {
    expect(highlightTerm('the N.u.d.3 figure and a nude one', 'nude')).toEqual([
      { text: 'the ', isMatch: false },
      { text: 'N.u.d.3', isMatch: true },
      { text: ' figure and a ', isMatch: false },
      { text: 'nude', isMatch: true },
      { text: ' one', isMatch: false },
    ]);
    expect(highlightTerm('a severed-head statue', 'severed head').filter((p) => p.isMatch)).toEqual([{ text: 'severed-head', isMatch: true }]);
    expect(highlightTerm('', 'nude')).toEqual([]);
  });
});
