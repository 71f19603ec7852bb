import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The architecture's import fences (STYLE.md), checked on every file: workflow code stays
 * deterministic, pure libraries stay pure, activities stay framework-free, and the API never
 * reaches into the worker.
 */
const ROOT = path.resolve(__dirname, '..');

interface ImportRef {
  file: string;
  specifier: string;
  /** Resolved path relative to the root for relative specifiers, else the package name. */
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return name === 'testing' ? [] : sourceFiles(relative);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [relative] : [];
  });
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const pattern = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm;
  return [...text.matchAll(pattern)].map((match) => {
    const specifier = match[2];
    const target = specifier.startsWith('.') ? path.normalize(path.join(path.dirname(file), specifier)) : specifier;
    return { file, specifier, target, typeOnly: Boolean(match[1]) };
  });
}

function violations(dirs: string[], allowed: (ref: ImportRef) => boolean): string[] {
  return dirs
    .flatMap(sourceFiles)
    .flatMap(importsOf)
    .filter((ref) => !allowed(ref))
    .map((ref) => `${ref.file} imports ${ref.specifier}`);
}

const IO_PACKAGES = /^(typeorm|pg|better-sqlite3|@nestjs\/|@alpacahq\/|@temporalio\/(client|worker|activity)|node:(fs|net|http|https|child_process)|fs|net|http|https|child_process)/;

describe('import fences', () => {
  it('workflow code imports only the workflow SDK, other workflow code and pure contracts (types from anywhere)', () => {
    const allowed = (ref: ImportRef) =>
      ref.typeOnly ||
      ref.target === '@temporalio/workflow' ||
      ref.target === '@temporalio/common' ||
      ref.target.startsWith('workflows') ||
      ref.target.startsWith(path.join('libs', 'contracts'));
    expect(violations(['workflows'], allowed)).toEqual([]);
  });

  it('pure libraries import nothing that does I/O', () => {
    expect(violations([path.join('libs', 'contracts'), path.join('libs', 'strategies'), path.join('libs', 'risk'), path.join('libs', 'exits')], (ref) => ref.typeOnly || !IO_PACKAGES.test(ref.target))).toEqual([]);
  });

  it('activities never import Nest', () => {
    expect(violations(['activities'], (ref) => !ref.target.startsWith('@nestjs/'))).toEqual([]);
  });

  it('the API never imports the worker or activities', () => {
    const allowed = (ref: ImportRef) => !ref.target.startsWith(path.join('apps', 'worker')) && !ref.target.startsWith('activities');
    expect(violations([path.join('apps', 'api')], allowed)).toEqual([]);
  });
});
