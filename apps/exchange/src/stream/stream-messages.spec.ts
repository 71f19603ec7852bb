import { parseStreamCommand } from './stream-messages';

describe('parseStreamCommand', () => {
  it.each([
    ['SDK key auth', { action: 'authenticate', data: { key_id: 'PK1', secret_key: 's' } }, { kind: 'authenticate', keyId: 'PK1', secret: 's' }],
    ['OAuth auth', { action: 'authenticate', data: { oauth_token: 'tok' } }, { kind: 'authenticate', oauthToken: 'tok' }],
    ['short auth', { action: 'auth', key: 'PK1', secret: 's' }, { kind: 'authenticate', keyId: 'PK1', secret: 's' }],
    ['auth without secret', { action: 'authenticate', data: { key_id: 'PK1' } }, { kind: 'invalid', reason: 'invalid authentication data' }],
    ['auth with empty key', { action: 'authenticate', data: { key_id: '', secret_key: 's' } }, { kind: 'invalid', reason: 'invalid authentication data' }],
    ['listen', { action: 'listen', data: { streams: ['trade_updates'] } }, { kind: 'listen', streams: ['trade_updates'] }],
    ['listen to nothing', { action: 'listen', data: { streams: [] } }, { kind: 'listen', streams: [] }],
    ['listen without list', { action: 'listen', data: {} }, { kind: 'invalid', reason: 'invalid listen data' }],
    ['listen with non-strings', { action: 'listen', data: { streams: [1] } }, { kind: 'invalid', reason: 'invalid listen data' }],
    ['unknown action', { action: 'subscribe' }, { kind: 'invalid', reason: 'unknown action' }],
    ['array frame', [1, 2], { kind: 'invalid', reason: 'invalid syntax' }],
  ])('%s', (_name, frame, expected) => {
    expect(parseStreamCommand(JSON.stringify(frame))).toEqual(expected);
  });

  it('rejects text that is not JSON', () => {
    expect(parseStreamCommand('{nope')).toEqual({ kind: 'invalid', reason: 'invalid syntax' });
  });
});
