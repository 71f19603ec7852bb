import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { BrokerAuthError, BrokerNotFoundError, BrokerUnavailableError } from '../../../../../libs/broker/broker.errors';
import { CredentialsExpiredError, CredentialsNotFoundError } from '../../../../../libs/broker-accounts/credential-errors';
import { gridStartCheckFailure } from './grid-start-failure';

describe('gridStartCheckFailure', () => {
  it.each([
    ['no broker connection', new CredentialsNotFoundError(), /connect one \(POST \/api\/accounts\/alpaca\) before creating or starting a grid strategy/],
    ['an expired token', new CredentialsExpiredError(), /expired.*reconnect/],
    ['revoked keys', new BrokerAuthError('forbidden', 403), /Alpaca rejected the stored credentials \(forbidden\)/],
    ['an unknown symbol', new BrokerNotFoundError('asset not found', 404), /configuration.symbol XYZ has no asset or latest price/],
  ])('answers %s with a 400 listing the reason', (_label, error, reason) => {
    const answer = gridStartCheckFailure(error, 'XYZ');
    expect(answer).toBeInstanceOf(BadRequestException);
    const body = (answer as BadRequestException).getResponse() as { statusCode: number; error: string; message: string[] };
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(reason)] });
  });

  it('answers a broker outage with a 503 that says nothing was saved', () => {
    const answer = gridStartCheckFailure(new BrokerUnavailableError('broker unreachable: ECONNREFUSED'), 'AAPL');
    expect(answer).toBeInstanceOf(ServiceUnavailableException);
    expect(answer.message).toMatch(/broker is unavailable.*ECONNREFUSED.*nothing was saved/);
  });

  it('passes anything else through unchanged (a bug is a 500, not a broker outage)', () => {
    const bug = new TypeError('x is undefined');
    expect(gridStartCheckFailure(bug, 'AAPL')).toBe(bug);
  });
});
