import type { AppConfig } from '../config';

/** The worker's switches, under their environment names (lowercased), as /health/detailed and the scheduler status report them. */
export interface WorkerFlags {
  disable_background_services: boolean;
  enable_trading_scheduler: boolean;
  enable_order_fill_monitor: boolean;
  enable_position_exit_monitor: boolean;
  /** What a worker started with these flags runs. */
  effective: {
    strategy_workflows: boolean;
    order_fill_monitor: boolean;
    position_exit_monitor: boolean;
  };
}

type FlagConfig = Pick<AppConfig, 'disableBackgroundServices' | 'enableTradingScheduler' | 'enableOrderFillMonitor' | 'enablePositionExitMonitor'>;

/**
 * DISABLE_BACKGROUND_SERVICES stops everything; ENABLE_TRADING_SCHEDULER=false stops the strategy
 * workflows (interval and grid) and the reconciler but leaves the monitors running.
 */
export function workerFlagsOf(config: FlagConfig): WorkerFlags {
  const background = !config.disableBackgroundServices;
  const exitMonitor = config.enablePositionExitMonitor;
  return {
    disable_background_services: config.disableBackgroundServices,
    enable_trading_scheduler: config.enableTradingScheduler,
    enable_order_fill_monitor: config.enableOrderFillMonitor,
    enable_position_exit_monitor: exitMonitor,
    effective: {
      strategy_workflows: background && config.enableTradingScheduler,
      order_fill_monitor: background && config.enableOrderFillMonitor,
      position_exit_monitor: background && exitMonitor,
    },
  };
}
