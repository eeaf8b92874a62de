import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from './operations';

const ROOT = path.resolve(__dirname, '../../..');
/** The public API's route folders; the catch-alls only answer unknown paths with a 404. */
const API_ROOTS = ['app/api/v1', 'app/v1'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Operations documented before their route lands, each with who builds it; remove an entry when it lands. */
const DOCUMENTED_AHEAD = new Set<string>([]);

function routeFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('[...') ? [] : routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** `app/api/v1/images/[id]/route.ts` → `/api/v1/images/{id}`; route groups `(x)` are not in the URL. */
export function urlPathOf(file: string): string {
  const segments = path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep);
  return `/${segments
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, '{$1}'))
    .join('/')}`;
}

/** The HTTP methods a route file exports, in each way this codebase writes them. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const [, name] of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(name);
  for (const [, names] of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
    for (const name of names.split(',')) found.add(name.split(':').at(-1)!.trim());
  }
  return METHODS.filter((m) => found.has(m));
}

const routes = API_ROOTS.flatMap((root) => routeFiles(path.join(ROOT, root))).flatMap((file) =>
  exportedMethods(fs.readFileSync(file, 'utf8')).map((method) => `${method} ${urlPathOf(file)}`),
);
const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);

describe('the OpenAPI document against the route files', () => {
  it('finds the routes (the walk itself works)', () => {
    expect(routes).toEqual(expect.arrayContaining(['POST /api/v1/generations', 'GET /api/v1/generations/{id}', 'DELETE /api/v1/images/{id}']));
    expect(exportedMethods('export const { GET, POST: post } = x;\nexport async function DELETE() {}')).toEqual(['GET', 'DELETE']);
  });

  it('documents every method of every route under app/api/v1 and app/v1', () => {
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('documents no route that does not exist', () => {
    expect(documented.filter((d) => !routes.includes(d) && !DOCUMENTED_AHEAD.has(d))).toEqual([]);
  });

  it('names each operation once', () => {
    expect(new Set(documented).size).toBe(documented.length);
    expect(new Set(OPERATIONS.map((op) => op.operationId)).size).toBe(OPERATIONS.length);
  });
});
