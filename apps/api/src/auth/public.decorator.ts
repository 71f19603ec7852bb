import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_ROUTE = Symbol('isPublicRoute');

/** Opens a route (or a whole controller) to callers without a bearer token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
