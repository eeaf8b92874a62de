import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_ADMIN_EMAIL } from './e2e-env';
import { signInAdmin, signUp } from './helpers';

/** Where issue #15's screenshots go, one file per page and viewport. */
export const SHOT_DIR = path.join('test-results', 'issue-15', 'after');
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export type Stop = { name: string; path: string };

export const SIGNED_OUT_PAGES: Stop[] = [
  { name: 'landing', path: '/' },
  { name: 'signin', path: '/signin' },
  { name: 'signup', path: '/signup' },
  { name: 'forgot-password', path: '/forgot-password' },
  { name: 'reset-password', path: '/reset-password?token=not-a-real-token' },
  { name: 'not-found', path: '/no-such-page' },
];

export function userPages(imageId: string): Stop[] {
  return [
    { name: 'generate', path: '/generate' },
    { name: 'gallery', path: '/gallery' },
    { name: 'gallery-image', path: `/gallery/${imageId}` },
    { name: 'edit', path: `/edit/${imageId}` },
    { name: 'billing', path: '/billing' },
    { name: 'settings', path: '/settings' },
    { name: 'settings-api-keys', path: '/settings/api-keys' },
    { name: 'settings-webhooks', path: '/settings/webhooks' },
  ];
}

/**
 * Every admin page on disk (as e2e/admin-authorization.spec.ts finds them), so a page added later
 * is toured too; a dynamic segment is filled from `ids`.
 */
export function adminPages(ids: { userId: string }): Stop[] {
  const root = path.join(process.cwd(), 'app', 'admin');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === 'page.tsx') found.push(path.relative(root, dir));
    }
  };
  walk(root);
  return found.sort().map((rel) => {
    const urlPath = `/admin${rel ? `/${rel.split(path.sep).join('/')}` : ''}`.replace('[id]', ids.userId);
    return { name: `admin${rel ? `-${rel.split(path.sep).join('-').replace('[id]', 'user')}` : ''}`, path: urlPath };
  });
}

/**
 * A fresh user with `count` finished images, made through the API like a script would (the
 * generator page is not what these specs look at). Returns the newest image's id.
 */
export async function userWithImages(page: Page, count = 3): Promise<{ email: string; imageIds: string[] }> {
  const email = await signUp(page);
  await page.goto('/settings/api-keys');
  const create = page.getByRole('region', { name: 'Create a key' });
  await create.getByLabel('Name (optional)').fill('page tour');
  await create.getByRole('checkbox', { name: 'generate' }).check();
  await create.getByRole('checkbox', { name: 'read' }).check();
  await create.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  const res = await page.request.post('/v1/images/generations', {
    headers: { authorization: `Bearer ${key}` },
    data: { prompt: 'a large red circle on a blue background', n: count, size: '64x64', steps: 4, response_format: 'url' },
    timeout: 90_000,
  });
  expect(res.status(), await res.text()).toBe(200);
  const list = await page.request.get('/api/images');
  const { items } = (await list.json()) as { items: { id: string }[] };
  expect(items.length).toBe(count);
  return { email, imageIds: items.map((i) => i.id) };
}

/** Signs in as the e2e admin and returns the id of some user, for /admin/users/[id]. */
export async function adminWithUser(page: Page): Promise<{ userId: string }> {
  await signInAdmin(page, E2E_ADMIN_EMAIL);
  await page.goto('/admin/users');
  const href = await page.getByRole('table').getByRole('link').first().getAttribute('href');
  return { userId: href!.split('/').pop()! };
}
