import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '../validation/create-validation-pipe';
import { ConnectAlpacaDto } from './connect-alpaca.dto';

async function badFields(body: unknown): Promise<string[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: ConnectAlpacaDto });
    return [];
  } catch (error) {
    const response = (error as BadRequestException).getResponse() as { fields: string[] };
    return [...response.fields].sort();
  }
}

const FUTURE = new Date(Date.now() + 86_400_000).toISOString();
const PAST = new Date(Date.now() - 86_400_000).toISOString();

describe('ConnectAlpacaDto', () => {
  it.each<[string, string[], unknown]>([
    ['a key pair', [], { environment: 'paper', key_id: 'K', secret_key: 'S' }],
    ['an access token', [], { environment: 'live', access_token: 'T' }],
    ['an access token with expiry', [], { environment: 'paper', access_token: 'T', expires_at: FUTURE }],
    ['neither credential', ['access_token', 'key_id', 'secret_key'], { environment: 'paper' }],
    ['nothing at all', ['access_token', 'environment', 'key_id', 'secret_key'], {}],
    ['an unknown environment', ['environment'], { environment: 'demo', key_id: 'K', secret_key: 'S' }],
    ['half a key pair', ['secret_key'], { environment: 'paper', key_id: 'K' }],
    ['a blank secret', ['secret_key'], { environment: 'paper', key_id: 'K', secret_key: '  ' }],
    ['a numeric key id', ['key_id'], { environment: 'paper', key_id: 42, secret_key: 'S' }],
    ['both kinds', ['access_token'], { environment: 'paper', key_id: 'K', secret_key: 'S', access_token: 'T' }],
    ['an expired token', ['expires_at'], { environment: 'paper', access_token: 'T', expires_at: PAST }],
    ['a date without time', ['expires_at'], { environment: 'paper', access_token: 'T', expires_at: '2099-01-01' }],
    ['expiry on a key pair', ['expires_at'], { environment: 'paper', key_id: 'K', secret_key: 'S', expires_at: FUTURE }],
    ['an unknown field', ['api_key'], { environment: 'paper', key_id: 'K', secret_key: 'S', api_key: 'x' }],
  ])('%s -> bad fields %j', async (_label, expected, body) => {
    expect(await badFields(body)).toEqual(expected);
  });

  it('explains both ways to connect when no credential is sent', async () => {
    try {
      await createValidationPipe().transform({ environment: 'paper' }, { type: 'body', metatype: ConnectAlpacaDto });
      throw new Error('expected a 400');
    } catch (error) {
      const { message } = (error as BadRequestException).getResponse() as { message: string[] };
      expect(message).toContain('access_token is required when no key pair is sent (send either key_id and secret_key, or access_token)');
    }
  });
});
