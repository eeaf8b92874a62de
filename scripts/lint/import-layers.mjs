// An ESLint rule for the import rules of the architecture (README "Architecture"): which folder
// may import which. It resolves each specifier (relative or `@/`) to a folder of the project, so a
// rule holds however deep the importing file sits. Type-only imports are erased at build time and
// are allowed. `npm run lint` runs it; scripts/lint/import-layers.test.ts proves each rule bites.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STATEFUL = ['drizzle-orm', 'bullmq', 'postgres', 'ioredis', '@socket.io/redis-adapter', '@socket.io/redis-emitter'];

/**
 * [name, applies to (folder prefix, or 'use client' files), forbidden targets, why].
 * A target is a folder prefix of the project or `pkg:<name>`; `except` lists allowed prefixes.
 */
export const LAYERS = [
  { name: 'domain-is-pure', from: 'domain/', to: ['app/', 'components/', 'server/', 'worker/', 'scripts/', 'tests/', 'e2e/', ...STATEFUL.map((p) => `pkg:${p}`)],
    why: 'domain/ is pure and browser-safe: it imports only domain/ (no database, queue or Redis)' },
  { name: 'engine-is-pure', from: 'worker/engine/', to: ['worker/', 'server/', 'app/', 'components/', ...STATEFUL.map((p) => `pkg:${p}`)], except: ['worker/engine/'],
    why: 'worker/engine/ is pure computation: it imports only worker/engine/ and domain/' },
  { name: 'server-below-processes', from: 'server/', to: ['worker/', 'app/', 'components/'],
    why: 'server/ is shared by web and worker: it never imports worker/, app/ or components/' },
  { name: 'worker-no-web', from: 'worker/', to: ['app/', 'components/'],
    why: 'worker/ never imports routes or React components' },
  { name: 'routes-call-use-cases', from: 'app/', to: ['server/db/', 'server/redis/', 'worker/', ...STATEFUL.map((p) => `pkg:${p}`)],
    why: 'app/ holds thin routes: they call server/ use cases, never the db client, the schema, Redis, drizzle or BullMQ' },
  { name: 'components-browser-safe', from: 'components/', to: ['server/', 'worker/', ...STATEFUL.map((p) => `pkg:${p}`)],
    why: 'components/ run in the browser: they import domain/ and server actions from app/, never server/ (type-only imports aside)' },
  { name: 'client-browser-safe', from: 'use client', to: ['server/', 'worker/', ...STATEFUL.map((p) => `pkg:${p}`)],
    why: "a 'use client' module ships to the browser: it imports only domain/, components/ and server actions" },
];

function targetOf(file, spec) {
  if (spec.startsWith('.')) return path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('node:')) return null;
  return 'pkg:' + (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
}

const hits = (target, prefix) => (prefix.startsWith('pkg:') ? target === prefix : target === prefix.slice(0, -1) || target.startsWith(prefix));

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforces which folder may import which (the architecture import rules).' },
    schema: [],
    messages: { broken: "{{rule}}: '{{spec}}' is not allowed here. {{why}}." },
  },
  create(context) {
    const file = context.filename;
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    if (rel.startsWith('..')) return {};
    const source = context.sourceCode;
    const isClient = source.ast.body.some((n) => n.type === 'ExpressionStatement' && n.directive === 'use client');
    const layers = LAYERS.filter((l) => (l.from === 'use client' ? isClient : rel.startsWith(l.from)));
    if (layers.length === 0) return {};
    const check = (node, spec, typeOnly) => {
      if (typeOnly || typeof spec !== 'string' || spec === 'server-only' || spec === 'client-only') return;
      const target = targetOf(file, spec);
      if (!target) return;
      for (const l of layers) {
        if (l.except?.some((p) => hits(target, p))) continue;
        if (l.to.some((p) => hits(target, p))) {
          context.report({ node, messageId: 'broken', data: { rule: l.name, spec, why: l.why } });
          return;
        }
      }
    };
    const allTypeSpecifiers = (node) => node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
    return {
      ImportDeclaration: (n) => check(n, n.source.value, n.importKind === 'type' || allTypeSpecifiers(n)),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === 'type' || allTypeSpecifiers(n)),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value, false),
      TSImportType: () => {},
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') check(n, n.arguments[0].value, false);
      },
    };
  },
};

export const importLayers = { rules: { 'import-layers': rule } };
