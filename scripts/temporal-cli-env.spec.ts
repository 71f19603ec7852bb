import { temporalCliEnv } from './temporal-cli-env';

describe('temporalCliEnv', () => {
  it('drops every TEMPORAL_* variable the CLI would otherwise obey and keeps the rest', () => {
    const env = { PATH: '/bin', HOME: '/root', TEMPORAL_ADDRESS: 'prod:7233', TEMPORAL_NAMESPACE: 'prod', TEMPORAL_API_KEY: 'k' };
    expect(temporalCliEnv(env)).toEqual({ PATH: '/bin', HOME: '/root' });
  });
});
