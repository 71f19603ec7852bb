import { BadGatewayException, BadRequestException } from '@nestjs/common';
import { BrokerAuthError, BrokerError } from '../../../../libs/broker/broker.errors';

/**
 * Turns a failed credentials check into the API's answer: the broker refusing the credentials is
 * the caller's problem (400, with the broker's reason); anything else is the broker's (502).
 */
export function credentialsCheckFailure(error: unknown): Error {
  if (error instanceof BrokerAuthError) return new BadRequestException(`Alpaca rejected the credentials: ${error.message}`);
  if (error instanceof BrokerError) return new BadGatewayException(`Alpaca could not verify the credentials: ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}
