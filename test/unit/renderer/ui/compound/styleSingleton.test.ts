// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stylesheetSingleton } from '../../../../../src/renderer/ui/compound/styleSingleton.ts';

// jsdom has neither constructed stylesheets nor adoptedStyleSheets: the browser's behaviour, reduced.
class FakeSheet {
  text = '';
  replaceSync(text: string) {
    this.text = text;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'adoptedStyleSheets');
});

describe('the react-style-singleton stand-in', () => {
  it('adopts one constructed stylesheet for all users and removes it after the last, never a <style> element', () => {
    vi.stubGlobal('CSSStyleSheet', FakeSheet);
    Object.defineProperty(document, 'adoptedStyleSheets', { value: [], writable: true, configurable: true });
    const sheet = stylesheetSingleton();
    sheet.add('body { overflow: hidden; }');
    sheet.add('body { overflow: hidden; }');
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect((document.adoptedStyleSheets[0] as unknown as FakeSheet).text).toBe('body { overflow: hidden; }');
    expect(document.querySelectorAll('style')).toHaveLength(0);
    sheet.remove();
    expect(document.adoptedStyleSheets).toHaveLength(1);
    sheet.remove();
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('does nothing, and does not fail, where constructed stylesheets are missing', () => {
    const sheet = stylesheetSingleton();
    expect(() => {
      sheet.add('body { overflow: hidden; }');
      sheet.remove();
    }).not.toThrow();
    expect(document.querySelectorAll('style')).toHaveLength(0);
  });
});
