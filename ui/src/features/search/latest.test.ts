import { describe, expect, it } from 'vitest';
import { latest } from './latest';

describe('latest', () => {
  it('marks answers to earlier calls as stale, even when they arrive last', async () => {
    const resolvers: ((v: string) => void)[] = [];
    const f = latest((q: string) => new Promise<string>((res) => resolvers.push(() => res(q))));
    const first = f('fra');
    const second = f('franç');
    resolvers[1]('');
    resolvers[0]('');
    expect(await second).toEqual({ value: 'franç', stale: false });
    expect(await first).toEqual({ value: 'fra', stale: true });
  });
});
