import { describe, expect, test } from 'vitest';
import { CallSlots } from './remote-slots';

describe('remote call slots', () => {
  test('a query waiting behind documents gets the next free slot first', async () => {
    const slots = new CallSlots(1);
    const order: string[] = [];
    const first = await slots.acquire('document');
    const granted = (kind: 'document' | 'query') => (release: () => void) => {
      order.push(kind);
      return release;
    };
    const document = slots.acquire('document').then(granted('document'));
    const query = slots.acquire('query').then(granted('query'));
    first();
    (await query)();
    (await document)();
    expect(order).toEqual(['query', 'document']);
  });

  test('never lets more calls run than it has slots', async () => {
    const slots = new CallSlots(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const release = await slots.acquire('document');
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        release();
      }),
    );
    expect(most).toBe(2);
  });

  test('a waiter whose request is cancelled leaves the queue with cancelled', async () => {
    const slots = new CallSlots(1);
    const release = await slots.acquire('document');
    const abort = new AbortController();
    const waiting = slots.acquire('document', abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    release();
    const again = await slots.acquire('document');
    again();
  });
});
