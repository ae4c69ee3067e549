import { describe, expect, it } from 'vitest';
import { linkedAbort } from './linked-abort';

describe('a linked abort signal', () => {
  it('aborts with the reason of whichever source aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkedAbort([a.signal, undefined, b.signal]);
    expect(linked.signal.aborted).toBe(false);
    b.abort('gone');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('gone');
  });

  it('is aborted from the start when a source already is', () => {
    const linked = linkedAbort([AbortSignal.abort('early')]);
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('early');
  });

  it('can be aborted by its owner without aborting the sources', () => {
    const source = new AbortController();
    const linked = linkedAbort([source.signal]);
    linked.abort();
    expect(linked.signal.aborted).toBe(true);
    expect(source.signal.aborted).toBe(false);
  });

  it('no longer follows its sources once disposed', () => {
    const source = new AbortController();
    const linked = linkedAbort([source.signal]);
    linked.dispose();
    source.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});
