export * from './strategy-types';
export * from './ids';
export * from './search-attributes';
export * from './execution';
export * from './error-types';
export * from './order-fill';
