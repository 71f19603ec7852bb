export * from './grid-errors';
export * from './grid-levels';
export * from './grid-logic';
export * from './grid-logic-for';
export * from './spot-grid';
export * from './infinity-grid';
export * from './reverse-grid';
export * from './futures-grid';
