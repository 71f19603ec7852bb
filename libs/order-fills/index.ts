export { applyBrokerOrderUpdate, type AppliedOrderUpdate, type BrokerOrderUpdate, type RecordedFill } from './apply-broker-order-update';
export { pendingFillEvent } from './order-fill-event';
export { nextOrderStatus, isTerminalOrderStatus } from './order-status-progress';
export type { FillSignaller } from './fill-signaller.port';
export { TemporalFillSignaller } from './temporal-fill-signaller';
