import { loadConfig } from '../config';
import { workerFlagsOf } from './worker-flags';

const flagsOf = (env: NodeJS.ProcessEnv) => workerFlagsOf(loadConfig(env, { keyFile: false }));

describe('workerFlagsOf', () => {
  it('runs everything by default', () => {
    expect(flagsOf({})).toEqual({
      disable_background_services: false,
      enable_trading_scheduler: true,
      enable_order_fill_monitor: true,
      enable_position_exit_monitor: true,
      effective: { strategy_workflows: true, order_fill_monitor: true, position_exit_monitor: true },
    });
  });

  it.each([
    [{ DISABLE_BACKGROUND_SERVICES: 'true' }, { strategy_workflows: false, order_fill_monitor: false, position_exit_monitor: false }],
    [{ ENABLE_TRADING_SCHEDULER: 'false' }, { strategy_workflows: false, order_fill_monitor: true, position_exit_monitor: true }],
    [{ ENABLE_ORDER_FILL_MONITOR: 'false' }, { strategy_workflows: true, order_fill_monitor: false, position_exit_monitor: true }],
    [{ ENABLE_TRADING_SCHEDULER: 'true', DISABLE_BACKGROUND_SERVICES: 'true' }, { strategy_workflows: false, order_fill_monitor: false, position_exit_monitor: false }],
  ])('%p runs %p', (env, effective) => {
    expect(flagsOf(env).effective).toEqual(effective);
  });

  it('reports the flags as set, whatever they override', () => {
    expect(flagsOf({ DISABLE_BACKGROUND_SERVICES: 'on', ENABLE_TRADING_SCHEDULER: 'off' })).toMatchObject({
      disable_background_services: true,
      enable_trading_scheduler: false,
      enable_order_fill_monitor: true,
    });
  });

  it('reads ENABLE_POSITION_EXIT_MONITOR=false', () => {
    expect(flagsOf({ ENABLE_POSITION_EXIT_MONITOR: 'false' })).toMatchObject({ enable_position_exit_monitor: false, effective: { position_exit_monitor: false } });
  });
});
