import { ConfigError } from '../libs/config';
import { Launcher } from './launcher/launcher';
import { createOutputFormat } from './launcher/output-format';

/** `npm start`: runs the whole stack in the foreground; Ctrl-C stops it cleanly. */
async function main(): Promise<number> {
  const launcher = new Launcher(process.env, createOutputFormat(process.stdout.isTTY === true), (text) =>
    process.stdout.write(text),
  );
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals === 1) void launcher.stop(`Received ${signal}, stopping (press Ctrl-C again to kill everything at once)`);
    else launcher.kill();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  return launcher.run();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
