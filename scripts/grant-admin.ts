import 'reflect-metadata';
import { runGrantAdmin } from './admin/grant-admin-cli';

runGrantAdmin(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
