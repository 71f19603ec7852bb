import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appEntry, missingEntries } from './app-entries';

describe('app entries', () => {
  it('maps the compiled launcher folder to dist/apps/<name>/src/main.js', () => {
    expect(appEntry('api', '/repo/dist/scripts/launcher')).toBe('/repo/dist/apps/api/src/main.js');
  });

  it('lists the entries a build did not produce', () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    try {
      mkdirSync(join(dist, 'apps', 'api', 'src'), { recursive: true });
      writeFileSync(join(dist, 'apps', 'api', 'src', 'main.js'), '');
      const launcherDir = join(dist, 'scripts', 'launcher');
      expect(missingEntries(['api', 'worker'], launcherDir)).toEqual([join(dist, 'apps', 'worker', 'src', 'main.js')]);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
