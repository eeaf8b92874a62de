/**
 * Parses Stripe's form encoding (`line_items[0][price_data][unit_amount]=500`) into nested
 * objects. A container whose first child key is a number (or `[]`) becomes an array. Values stay
 * strings, as the API receives them; an empty value is kept as '' (Stripe reads it as "unset").
 */
export function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    assign(root, keyPath(decode(rawKey)), decode(rawValue));
  }
  return root;
}

function decode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/** `a[b][0]` → ['a', 'b', '0']; `a[]` → ['a', '']. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  for (const m of key.slice(open).matchAll(/\[([^\]]*)\]/g)) path.push(m[1]);
  return path;
}

type Container = Record<string, unknown> | unknown[];

function assign(root: Record<string, unknown>, path: string[], value: string): void {
  // A body is attacker-shaped input even in a test double; never let it reach Object.prototype.
  if (path.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) return;
  let node: Container = root;
  for (let i = 0; i < path.length; i++) {
    const isLast = i === path.length - 1;
    const key: string | number = path[i] === '' && Array.isArray(node) ? node.length : path[i];
    const slot = node as Record<string | number, unknown>;
    if (isLast) {
      slot[key] = value;
      return;
    }
    if (typeof slot[key] !== 'object' || slot[key] === null) {
      slot[key] = /^\d*$/.test(path[i + 1]) ? [] : {};
    }
    node = slot[key] as Container;
  }
}
