import { loadConfig } from '../config';
import { createDataSource } from './data-source';

/**
 * For TypeORM's migrations CLI, which needs a compiled file exporting one DataSource:
 *   npm run build && npx typeorm migration:show -d dist/libs/database/typeorm-cli.data-source.js
 * Reads DATABASE_URL / DATA_DIR like the apps do (the encryption key is not needed here).
 */
export const cliDataSource = createDataSource(loadConfig(process.env, { keyFile: false }).database);
