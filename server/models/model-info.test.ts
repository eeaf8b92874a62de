import { describe, expect, it } from 'vitest';
import { parsePythonJson } from './model-info';

describe('parsePythonJson', () => {
  it("reads the non-standard numbers Python's json writes, as diffusers' configs contain them", () => {
    expect(parsePythonJson('{"lambda_min_clipped": -Infinity, "x": Infinity, "y": NaN, "z": 1.5}')).toEqual({
      lambda_min_clipped: -Infinity,
      x: Infinity,
      y: null,
      z: 1.5,
    });
  });

  it('leaves the same words inside strings alone', () => {
    expect(parsePythonJson('{"note": "NaN and -Infinity \\" Infinity", "v": [Infinity]}')).toEqual({
      note: 'NaN and -Infinity " Infinity',
      v: [Infinity],
    });
  });

  it('still refuses broken JSON', () => {
    expect(() => parsePythonJson('{"a": }')).toThrow();
  });
});
