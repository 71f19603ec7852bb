import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_ENV_VARS, loadConfig, temporalAddress } from '../libs/config';
import { SEARCH_ATTRIBUTES } from '../libs/contracts/search-attributes';

// No Docker engine here: these tests hold docker-compose.yml, the Dockerfile and the code's
// configuration to each other so the production stack cannot drift from what the code reads.

const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: unknown;
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const dotenvExample = Object.fromEntries(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

/** Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} interpolation against vars. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?:(:?[-?])([^}]*))?\}/g, (_match, name: string, op: string | undefined, arg = '') => {
    const current = vars[name];
    const unset = op?.startsWith(':') ? current === undefined || current === '' : current === undefined;
    if (!unset) return current;
    if (op?.endsWith('?')) throw new Error(`required variable ${name}: ${arg}`);
    return op?.endsWith('-') ? arg : '';
  });
}

function environmentOf(name: string, vars: Record<string, string> = dotenvExample): NodeJS.ProcessEnv {
  const env = services[name].environment ?? {};
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(String(value), vars)]));
}

/** "127.0.0.1:8233:8080" -> { host: 8233, container: 8080 } */
function publishedPorts(name: string): Array<{ host: number; container: number }> {
  return (services[name].ports ?? []).map((spec) => {
    const parts = spec.split(':');
    return { host: Number(parts[parts.length - 2]), container: Number(parts[parts.length - 1]) };
  });
}

const defaults = loadConfig({}, { keyFile: false, cwd: '/app' });

describe('docker-compose.yml', () => {
  it('describes the production stack', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgresql', 'temporal', 'temporal-ui', 'api', 'worker']));
    expect(services.postgresql.image).toBe('postgres:15');
    // Same server and UI versions as the dev server of `npm start` (Temporal CLI v1.5.1).
    expect(services.temporal.image).toBe('temporalio/server:1.29.1');
    expect(services['temporal-ui'].image).toBe('temporalio/ui:2.42.1');
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it.each(['api', 'worker'])('gives the %s only variables the configuration reads, including the essential ones', (name) => {
    const keys = Object.keys(services[name].environment ?? {});
    expect(keys.filter((key) => !(CONFIG_ENV_VARS as readonly string[]).includes(key))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'ENCRYPTION_KEY',
        'ALPACA_TRADING_URL', 'ALPACA_DATA_URL', 'ALPACA_STREAM_URL',
      ]),
    );
  });

  it.each(['api', 'worker'])('gives the %s an environment loadConfig accepts: PostgreSQL, Temporal, real Alpaca', (name) => {
    const config = loadConfig(environmentOf(name), { keyFile: false, cwd: '/app' });
    expect(config.database).toEqual({ kind: 'postgres', databaseUrl: expect.stringMatching(/^postgres:\/\/autopilot:.+@postgresql:5432\/autopilot$/) });
    expect(temporalAddress(config)).toBe('temporal:7233');
    expect(config.temporal.namespace).toBe('default');
    expect(config.alpaca.tradingUrl).toBe('https://paper-api.alpaca.markets');
    expect(config.alpaca.dataUrl).toBe('https://data.alpaca.markets');
    expect(config.alpaca.streamUrl).toBe('wss://paper-api.alpaca.markets/stream');
    expect(config.encryptionKeySource).toBe('env');
  });

  it('never defaults a secret: without .env the stack refuses to start', () => {
    for (const name of ['POSTGRES_PASSWORD', 'AUTOPILOT_DB_PASSWORD', 'TEMPORAL_DB_PASSWORD', 'ENCRYPTION_KEY']) {
      expect(read('docker-compose.yml')).toMatch(new RegExp(`\\$\\{${name}:\\?`));
      expect(dotenvExample[name]).toBeDefined();
    }
    expect(() => environmentOf('api', {})).toThrow(/required variable/);
  });

  it('publishes the API and Temporal on the configuration defaults, Temporal and its UI on loopback only', () => {
    const api = environmentOf('api');
    expect(Number(api.API_PORT)).toBe(defaults.api.port);
    expect(api.API_HOST).toBe('0.0.0.0');
    expect(publishedPorts('api')).toEqual([{ host: defaults.api.port, container: defaults.api.port }]);
    expect(publishedPorts('temporal')).toEqual([{ host: defaults.temporal.port, container: 7233 }]);
    expect(publishedPorts('temporal-ui')).toEqual([{ host: defaults.temporal.uiPort, container: 8080 }]);
    for (const spec of [...(services.temporal.ports ?? []), ...(services['temporal-ui'].ports ?? [])]) {
      expect(spec.startsWith('127.0.0.1:')).toBe(true);
    }
  });

  it('registers exactly the search attributes the workflows upsert', () => {
    const pairs = String(services['temporal-setup'].environment?.SEARCH_ATTRIBUTES).split(/\s+/);
    expect(pairs).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`));
  });

  it('starts services in dependency order, waiting only on conditions that can be met', () => {
    expect(services.api.depends_on).toMatchObject({
      postgresql: { condition: 'service_healthy' },
      'temporal-setup': { condition: 'service_completed_successfully' },
    });
    expect(services.worker.depends_on).toMatchObject({
      'temporal-setup': { condition: 'service_completed_successfully' },
      api: { condition: 'service_healthy' },
    });
    expect(services.temporal.depends_on).toMatchObject({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    for (const [name, service] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, target, exists: target in services }).toEqual({ name, target, exists: true });
        if (condition === 'service_healthy') expect({ target, healthcheck: services[target].healthcheck !== undefined }).toEqual({ target, healthcheck: true });
      }
    }
  });

  it('mounts scripts that exist and are executable', () => {
    const mounted = Object.values(services).flatMap((service) => service.volumes ?? []).filter((volume) => volume.startsWith('./'));
    expect(mounted.length).toBeGreaterThan(0);
    for (const volume of mounted) {
      const source = join(root, volume.split(':')[0]);
      expect({ volume, exists: existsSync(source) }).toEqual({ volume, exists: true });
    }
    for (const script of ['docker/postgres/init-databases.sh', 'docker/temporal/setup-schema.sh', 'docker/temporal/setup-namespace.sh']) {
      expect(() => accessSync(join(root, script), constants.X_OK)).not.toThrow();
    }
    const entrypoints = Object.values(services).flatMap((service) => service.entrypoint ?? []).filter((arg) => arg.startsWith('/scripts/'));
    for (const entry of entrypoints) expect(existsSync(join(root, 'docker', 'temporal', entry.slice('/scripts/'.length)))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const tsconfig = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string }; include: string[] };
  const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

  /** dist/apps/api/src/main.js -> apps/api/src/main.ts (tsc keeps the source layout: rootDir ".", outDir "dist"). */
  const sourceOf = (compiled: string) => compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts');

  it('builds on node:20-bookworm-slim in stages: npm ci, build, prune', () => {
    expect(dockerfile.match(/^FROM node:20-bookworm-slim AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm run build && npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
  });

  it('copies every source folder the build compiles (tests and benchmarks aside)', () => {
    for (const folder of tsconfig.include.filter((entry) => !['test', 'bench'].includes(entry))) {
      expect({ folder, copied: new RegExp(`^COPY ${folder} ${folder}$`, 'm').test(dockerfile) }).toEqual({ folder, copied: true });
    }
  });

  it('runs entry points the build produces: the image default and each compose command', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    const commands = [cmd, services.api.command!, services.worker.command!];
    expect(commands.map((command) => command[1])).toEqual([
      'dist/apps/api/src/main.js',
      'dist/apps/api/src/main.js',
      'dist/apps/worker/src/main.js',
    ]);
    for (const [node, entry] of commands) {
      expect(node).toBe('node');
      expect({ entry, source: existsSync(join(root, sourceOf(entry))) }).toEqual({ entry, source: true });
    }
  });

  it('package.json scripts run compiled files the build produces', () => {
    const compiled = Object.entries(packageJson.scripts).flatMap(([script, line]) =>
      [...line.matchAll(/node (dist\/\S+\.js)/g)].map((match) => ({ script, entry: match[1] })),
    );
    expect(compiled.length).toBeGreaterThan(0);
    for (const { script, entry } of compiled) {
      expect({ script, entry, source: existsSync(join(root, sourceOf(entry))) }).toEqual({ script, entry, source: true });
    }
  });

  it('keeps secrets, local state and host builds out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.env', '.git']));
  });
});
