export * from './grid-errors';
export * from './grid-levels';
export * from './spot-grid';
export * from './spot-grid-market-check';
