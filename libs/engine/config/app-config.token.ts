import { Inject } from '@nestjs/common';

/**
 * DI token of the process's AppConfig. A symbol, not a string, so it cannot collide with another
 * provider and a typo fails at compile time.
 */
export const APP_CONFIG = Symbol('AppConfig');

/** Parameter decorator for `@InjectAppConfig() config: AppConfig`. */
export const InjectAppConfig = (): PropertyDecorator & ParameterDecorator => Inject(APP_CONFIG);
