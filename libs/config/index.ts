export * from './app-config';
export * from './app-config.types';
export * from './config-env-vars';
export * from './config.error';
export * from './encryption-key';
export * from './redact';
