import { ProbeTimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('returns the probe value when it answers in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 100, 'probe')).resolves.toBe(42);
  });

  it('passes the probe failure through', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 100, 'probe')).rejects.toThrow('boom');
  });

  it('rejects with a named timeout when the probe hangs', async () => {
    const hang = new Promise<never>(() => undefined);
    await expect(withTimeout(hang, 20, 'the database')).rejects.toEqual(new ProbeTimeoutError('the database did not answer within 20 ms'));
  });
});
