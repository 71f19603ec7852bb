export * from './data-source';
export * from './entities';
export * from './migrations';
export { decimalTransformer } from './schema/decimal.transformer';
