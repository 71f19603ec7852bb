export * from './exit-rules';
export * from './water-mark';
export * from './exit-levels';
export * from './decide-exit';
