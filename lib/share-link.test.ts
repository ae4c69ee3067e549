import { describe, expect, it } from 'vitest';
import { readShareFragment, type SharedState, shareUrl } from './share-link';

const state: SharedState = {
  name: '水果',
  text: '苹果\n香蕉, "yellow"',
  options: {
    query: '我想吃点东西',
    topK: '3',
    threshold: '0.2',
    knobs: { dimensions: 32, instruction: { custom: 'Find fruit' } },
    longEntries: 'mean',
  },
};

describe('share links', () => {
  it('round-trips a base, query and options through the URL fragment', () => {
    const url = shareUrl('http://localhost:3000/?x=1', state);
    expect(readShareFragment(new URL(url).hash)).toEqual({ kind: 'ok', state });
  });

  it('treats a page address without a share fragment as no link', () => {
    expect(readShareFragment('')).toEqual({ kind: 'none' });
    expect(readShareFragment('#results')).toEqual({ kind: 'none' });
  });

  it('reports a truncated link as broken', () => {
    const hash = new URL(shareUrl('http://localhost/', state)).hash;
    expect(readShareFragment(hash.slice(0, hash.length - 7)).kind).toBe('broken');
  });

  it('reports a tampered link as broken', () => {
    const hash = new URL(shareUrl('http://localhost/', state)).hash;
    const tampered = `${hash.slice(0, 20)}${hash[20] === 'A' ? 'B' : 'A'}${hash.slice(21)}`;
    expect(readShareFragment(tampered).kind).toBe('broken');
  });

  it('reports valid JSON of the wrong shape as broken', () => {
    expect(readShareFragment('#share=v1.N4XyA').kind).toBe('broken');
    expect(readShareFragment('#share=v9.abc').kind).toBe('broken');
  });
});
