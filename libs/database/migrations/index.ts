import { InitialSchema1795600000000 } from './1795600000000-initial-schema';
import { GridFills1796000000000 } from './1796000000000-grid-fills';

/** Every migration in order; listed explicitly so compiled, bundled and ts-jest code all find them. */
export const ALL_MIGRATIONS = [InitialSchema1795600000000, GridFills1796000000000];
