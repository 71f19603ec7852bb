export * from './risk-rule';
export * from './risk-defaults';
export * from './risk-limits';
export * from './order-exposure';
export * from './trading-day';
export * from './validate-orders';
