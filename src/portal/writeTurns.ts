// Parents' writes take turns, one per turn of the event loop, in the order their requests arrived.
//
// Why: a write runs synchronously (SQLite, BEGIN IMMEDIATE) and blocks the event loop while it runs. When a
// registration-day rush keeps a hundred requests ready at every turn, Node handles all of them in the same turn
// and accepts at most one new connection per turn (libuv on Linux): a parent who connects during the rush
// waited, in the portal rush benchmark, until nearly everyone else had been served (6 to 9 s on a busy machine,
// while the median was 0.3 s). Taking turns — one write, then back to the event loop (new connections, new
// requests), then the next write — serves parents first come, first served, whoever opened their connection
// last, at the cost of one event-loop turn per write (microseconds).
type Job = () => void;

export function createWriteTurns() {
  const queue: Job[] = [];
  let scheduled = false;

  const next = () => {
    const job = queue.shift();
    job?.();
    if (queue.length > 0) setImmediate(next);
    else scheduled = false;
  };

  /** Runs `write` at its turn (after the writes already waiting), and answers what it returns or throws. */
  return function inTurn<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push(() => {
        try {
          resolve(write());
        } catch (error) {
          reject(error as Error);
        }
      });
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
  };
}
