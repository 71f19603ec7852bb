// The workflow bundle's entry: every workflow type the worker registers.
export { strategyWorkflow } from './strategy/strategy.workflow';
export { gridStrategyWorkflow } from './grid/grid.workflow';
