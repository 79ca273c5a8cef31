// Parents' writes take turns (src/portal/writeTurns.ts): in arrival order, one per event-loop turn (other
// callbacks run between two writes), a failing write rejects its own caller only.
import { describe, expect, it } from 'vitest';
import { createWriteTurns } from '../../../src/portal/writeTurns';

describe('write turns', () => {
  it('runs writes in arrival order, one per event-loop turn, and answers each caller', async () => {
    const inTurn = createWriteTurns();
    const events: string[] = [];
    const answers = [1, 2, 3].map((n) =>
      inTurn(() => {
        events.push(`write ${n}`);
        // Something the event loop would do between two writes (a new connection, a request read).
        setImmediate(() => events.push(`between ${n}`));
        return n * 10;
      }),
    );
    expect(events).toEqual([]); // nothing runs synchronously in the caller
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
    await new Promise((done) => setImmediate(done));
    expect(events).toEqual(['write 1', 'between 1', 'write 2', 'between 2', 'write 3', 'between 3']);
  });

  it('a failing write rejects its caller; the next ones still run', async () => {
    const inTurn = createWriteTurns();
    const first = inTurn(() => {
      throw new Error('refused');
    });
    const second = inTurn(() => 'ok');
    await expect(first).rejects.toThrow('refused');
    expect(await second).toBe('ok');
    // Idle again, then a new write is served.
    expect(await inTurn(() => 'again')).toBe('again');
  });
});
