import { devServerArgs } from './temporal-dev-server';

const base = { binary: 'temporal', port: 7233, uiPort: 8233 as number | false, namespace: 'default', ip: '127.0.0.1' };

function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]] : []));
}

describe('devServerArgs', () => {
  it('binds loopback, registers every search attribute and logs at warn by default', () => {
    const args = devServerArgs(base);
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(flagValues(args, '--ip')).toEqual(['127.0.0.1']);
    expect(flagValues(args, '--port')).toEqual(['7233']);
    expect(flagValues(args, '--ui-port')).toEqual(['8233']);
    expect(flagValues(args, '--log-level')).toEqual(['warn']);
    expect(flagValues(args, '--search-attribute')).toEqual([
      'StrategyId=Keyword',
      'StrategyType=Keyword',
      'UserId=Keyword',
      'NextRunTime=Datetime',
    ]);
    expect(args).not.toContain('--db-filename');
    expect(args).not.toContain('--namespace');
  });

  it.each([
    [{ dbFile: '/data/temporal.db' }, '--db-filename', ['/data/temporal.db']],
    [{ namespace: 'autopilot' }, '--namespace', ['autopilot']],
    [{ logLevel: 'error' as const }, '--log-level', ['error']],
    [{ uiPort: false as const }, '--ui-port', []],
  ])('with %j passes %s %j', (override, flag, values) => {
    expect(flagValues(devServerArgs({ ...base, ...override }), flag)).toEqual(values);
  });

  it('starts headless when the UI is off', () => {
    expect(devServerArgs({ ...base, uiPort: false })).toContain('--headless');
  });
});
