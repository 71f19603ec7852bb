export * from './access-token';
export * from './derive-key';
export * from './jwt';
export * from './oauth-state';
export * from './password-hasher';
export * from './secret-cipher';
