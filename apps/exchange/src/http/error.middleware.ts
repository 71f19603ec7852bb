import type { NextFunction, Request, Response } from 'express';
import { ApiError, badRequest, internalError, notFound } from './api-error';

/** Unknown paths answer like Alpaca's: a 404 with `{code, message}`. */
export function notFoundMiddleware(req: Request, _res: Response, next: NextFunction): void {
  next(notFound(`endpoint not found: ${req.method} ${req.path}`));
}

/** Every error leaves as Alpaca's `{code, message}` body. */
export function errorMiddleware(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const apiError = toApiError(error);
  if (apiError.status >= 500 && !(error instanceof ApiError)) {
    // Unexpected failures are logged without request data (headers carry secrets).
    console.error('paper exchange: unhandled error', error instanceof Error ? error.stack : error);
  }
  if (res.headersSent) return;
  res.status(apiError.status).json({ code: apiError.code, message: apiError.message });
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // body-parser marks malformed bodies with a 4xx status.
  const status = (error as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return badRequest('request body format is invalid');
  return internalError();
}
