/**
 * Node's own `require`, rooted at `from` (an import.meta.url). Next's Turbopack rewrites
 * `createRequire(...)` calls it can see, turning `.resolve('nsfwjs')` into a bundle module id, so
 * the web server (which classifies uploads) could not find the model files. Fetched this way the
 * bundler leaves it alone, and tsx and Node run it as written.
 */
export function nodeRequire(from: string): NodeJS.Require {
  return process.getBuiltinModule('node:module').createRequire(from);
}
