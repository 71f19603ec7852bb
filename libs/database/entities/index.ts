import { AlpacaOauthToken } from './alpaca-oauth-token.entity';
import { BotOrder } from './bot-order.entity';
import { BotRiskEvent } from './bot-risk-event.entity';
import { ExitEvent } from './exit-event.entity';
import { StrategyExecution } from './strategy-execution.entity';
import { Trade } from './trade.entity';
import { TradingStrategy } from './trading-strategy.entity';
import { User } from './user.entity';

export * from './alpaca-oauth-token.entity';
export * from './bot-order.entity';
export * from './bot-risk-event.entity';
export * from './exit-event.entity';
export * from './strategy-execution.entity';
export * from './trade.entity';
export * from './trading-strategy.entity';
export * from './user.entity';

export const ALL_ENTITIES = [
  User,
  TradingStrategy,
  AlpacaOauthToken,
  BotOrder,
  Trade,
  BotRiskEvent,
  ExitEvent,
  StrategyExecution,
] as const;
