/**
 * Wraps an async function so that only the answer to the latest call counts: earlier answers
 * arrive marked `stale` (type-ahead answers can come back out of order).
 */
export function latest<A extends unknown[], R>(f: (...args: A) => Promise<R>): (...args: A) => Promise<{ value: R; stale: boolean }> {
  let counter = 0;
  return async (...args: A) => {
    const mine = ++counter;
    const value = await f(...args);
    return { value, stale: mine !== counter };
  };
}
