import { describe, expect, it } from 'vitest';
import { placeNextTo } from '../../../../src/renderer/ui/placeNextTo.ts';

const viewport = { width: 1000, height: 800 };

describe('placeNextTo', () => {
  it('goes below the control, right edges aligned', () => {
    expect(placeNextTo({ top: 100, bottom: 132, right: 600 }, { width: 300, height: 400 }, viewport)).toEqual({
      top: 136,
      left: 300,
    });
  });
  it('goes above when there is no room below', () => {
    expect(placeNextTo({ top: 600, bottom: 632, right: 600 }, { width: 300, height: 400 }, viewport)).toEqual({
      top: 196,
      left: 300,
    });
  });
  it('stays on screen', () => {
    expect(placeNextTo({ top: 10, bottom: 40, right: 50 }, { width: 300, height: 900 }, viewport)).toEqual({ top: 8, left: 8 });
  });
});
