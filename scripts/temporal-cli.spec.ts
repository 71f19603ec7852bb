import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTemporalCli, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION, temporalCacheBinDir } from './temporal-cli';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'temporal-cli-spec-'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function script(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const workingCli = 'echo "temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)"';

// A stand-in for `go`: answers `go version`, and on `go install` checks the environment the real
// build needs and "builds" a working temporal into $GOBIN.
const fakeGo = (version: string) => `
if [ "$1" = version ]; then echo "go version ${version} linux/amd64"; exit 0; fi
[ "$1" = install ] || exit 2
[ "$CGO_ENABLED" = 0 ] && [ "$GOTOOLCHAIN" = local ] || { echo "bad env" >&2; exit 3; }
for arg in "$@"; do last="$arg"; done
[ "$last" = "${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}" ] || { echo "bad target $last" >&2; exit 4; }
/bin/cat > "$GOBIN/temporal" <<'CLI'
#!/bin/sh
${workingCli}
CLI
/bin/chmod +x "$GOBIN/temporal"`;

function env(pathDirs: string[]): NodeJS.ProcessEnv {
  return { PATH: pathDirs.join(':'), HOME: root, AUTOPILOT_CACHE_DIR: join(root, 'cache') };
}

describe('ensureTemporalCli', () => {
  const quiet = { log: () => undefined, goFallbackPaths: [] };

  it('uses a working temporal on PATH', async () => {
    const onPath = script(join(root, 'bin'), 'temporal', workingCli);
    script(join(root, 'cache', 'bin'), 'temporal', workingCli);
    await expect(ensureTemporalCli({ ...quiet, env: env([join(root, 'bin')]) })).resolves.toBe(onPath);
  });

  it('falls back to the cached binary when the one on PATH does not run', async () => {
    script(join(root, 'bin'), 'temporal', 'exit 1');
    const cached = script(join(root, 'cache', 'bin'), 'temporal', workingCli);
    await expect(ensureTemporalCli({ ...quiet, env: env([join(root, 'bin')]) })).resolves.toBe(cached);
  });

  it('puts the cache under ~/.cache/autopilot unless AUTOPILOT_CACHE_DIR is set', () => {
    expect(temporalCacheBinDir({ HOME: '/home/ada' })).toBe('/home/ada/.cache/autopilot/bin');
    expect(temporalCacheBinDir({ HOME: '/home/ada', AUTOPILOT_CACHE_DIR: '/ci/cache' })).toBe('/ci/cache/bin');
  });

  it('builds the pinned version with go install into the cache, announcing it first', async () => {
    script(join(root, 'go'), 'go', fakeGo('go1.26.8'));
    const log: string[] = [];
    const binary = await ensureTemporalCli({ ...quiet, log: (line) => log.push(line), env: env([join(root, 'go')]) });
    expect(binary).toBe(join(root, 'cache', 'bin', 'temporal'));
    expect(log[0]).toBe(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (first run only, several minutes)...`);
  });

  it('finds go outside PATH in the fallback locations', async () => {
    const go = script(join(root, 'usr-local-go'), 'go', fakeGo('go1.25.0'));
    const binary = await ensureTemporalCli({ log: () => undefined, goFallbackPaths: [go], env: env([]) });
    expect(binary).toBe(join(root, 'cache', 'bin', 'temporal'));
  });

  it('explains what to do when Go is missing', async () => {
    const error = await ensureTemporalCli({ ...quiet, env: env([join(root, 'empty')]) }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Go is not installed/);
    expect((error as Error).message).toMatch(/https:\/\/go\.dev/);
    expect((error as Error).message).toMatch(/TEMPORAL_ADDRESS/);
  });

  it('refuses a Go too old to build the pinned CLI', async () => {
    script(join(root, 'go'), 'go', fakeGo('go1.21.3'));
    await expect(ensureTemporalCli({ ...quiet, env: env([join(root, 'go')]) })).rejects.toThrow(/is go1\.21\.3, too old \(Go 1\.25\+ needed\)/);
  });

  it('reports a failed go install', async () => {
    script(join(root, 'go'), 'go', 'if [ "$1" = version ]; then echo "go version go1.26.0"; exit 0; fi; echo "proxy unreachable" >&2; exit 1');
    await expect(ensureTemporalCli({ ...quiet, env: env([join(root, 'go')]) })).rejects.toThrow(/go install .* failed \(exit code 1\)/);
  });
});
