/** An error answered with Alpaca's `{code, message}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 40010000, message);
export const unauthorized = () => new ApiError(401, 40110000, 'request is not authorized');
export const forbidden = (message: string) => new ApiError(403, 40310000, message);
export const notFound = (message: string) => new ApiError(404, 40410000, message);
export const unprocessable = (message: string) => new ApiError(422, 40010001, message);
export const rateLimited = () => new ApiError(429, 42910000, 'rate limit exceeded');
export const internalError = (message = 'internal server error') => new ApiError(500, 50010000, message);
