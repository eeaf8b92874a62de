import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { signInAdmin, signUp } from './helpers';
import { E2E_ADMIN_EMAIL, E2E_DATABASE_URL } from './e2e-env';

// Every admin page, route handler and server action, found on disk and in the build's action
// manifest (so one added later is covered without editing this file), asked for as a signed-out
// visitor and as a plain user: each must answer 404, like a page that does not exist, and change
// nothing. The same requests as an admin succeed, which shows the requests themselves are right.
const ROOT = path.resolve(__dirname, '..');
const ACTION_NOT_FOUND = /^0:\{"a":"\$@1".*\n1:E\{"digest":"NEXT_HTTP_ERROR_FALLBACK;404"\}\n?$/;
const ADMIN_WORDS = /Admin ·|Review queue|Audit log|Workers (&amp;|&) queues|Prompt incidents|Check an image|Overview|Suspend|Approve/;

function filesNamed(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => path.basename(f) === name).map((f) => path.join(dir, f));
}

function urlOf(file: string, userId: string): string {
  const route = path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep);
  return '/' + route.filter((s) => !/^\(.*\)$/.test(s)).map((s) => (s.startsWith('[') ? userId : s)).join('/');
}

type Action = { id: string; filename: string; exportedName: string };

function adminActions(): Action[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8'));
  return Object.entries(manifest.node as Record<string, { filename: string; exportedName: string }>)
    .filter(([, a]) => a.filename.startsWith('app/admin/'))
    .map(([id, a]) => ({ id, filename: a.filename, exportedName: a.exportedName }));
}

/** A server action call as React's client makes it: (previous state, FormData) in the reply encoding. */
async function callAction(request: APIRequestContext, action: Action, fields: Record<string, string>) {
  const { encodeReply } = (await import('next/dist/compiled/react-server-dom-webpack/client.node.js' as string)) as {
    encodeReply: (args: unknown[]) => Promise<FormData | string>;
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const multipart = (await encodeReply([undefined, form])) as FormData;
  return request.post('/admin', { headers: { 'Next-Action': action.id, Accept: 'text/x-component' }, multipart });
}

test('every admin page, route and action answers 404 to visitors and plain users, and changes nothing', async ({ browser, request }, testInfo) => {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  const userPage = await (await browser.newContext()).newPage();
  const victimEmail = await signUp(userPage);
  const adminPage = await (await browser.newContext()).newPage();
  await signInAdmin(adminPage, E2E_ADMIN_EMAIL);
  const [victim] = await sql`select id, role, credits, suspended_at from users where email = ${victimEmail}`;
  const snapshot = async () => ({
    victim: (await sql`select role, credits, suspended_at from users where id = ${victim.id}`)[0],
    audit: (await sql`select count(*)::int as n from audit_log`)[0].n,
    policy: (await sql`select count(*)::int as n from policy_terms`)[0].n,
    settings: await sql`select key, value from settings order by key`,
  });
  const before = await snapshot();

  const pages = filesNamed(path.join(ROOT, 'app/admin'), 'page.tsx').map((f) => urlOf(f, victim.id));
  const routes = [...filesNamed(path.join(ROOT, 'app/admin'), 'route.ts'), ...filesNamed(path.join(ROOT, 'app/api/admin'), 'route.ts')].map((f) => urlOf(f, victim.id));
  const actions = adminActions();
  expect(pages).toEqual(expect.arrayContaining(['/admin', '/admin/review', '/admin/users', `/admin/users/${victim.id}`, '/admin/audit', '/admin/check-image']));
  expect(actions.map((a) => a.exportedName)).toEqual(expect.arrayContaining(['decideImagesAction', 'setRoleAction', 'suspendUserAction', 'savePolicyAction', 'checkImageAction']));

  const fields = { userId: victim.id, role: 'admin', reason: 'authorisation test', email: victimEmail, amount: '100000', decision: 'reject', ids: victim.id, blurAt: '0', blockAt: '0', policy: '{}', note: 'x' };
  const visitors = { 'signed-out visitor': request, 'plain user': userPage.request };
  const refused: string[] = [];
  for (const [who, client] of Object.entries(visitors)) {
    for (const url of [...pages, ...routes]) {
      const res = await client.get(url, { maxRedirects: 0 });
      expect(res.status(), `${who} GET ${url}`).toBe(404);
      // Nothing of the page, its title included (Next streams metadata apart from the page).
      expect(await res.text(), `${who} GET ${url} shows no admin content`).not.toMatch(ADMIN_WORDS);
      refused.push(`${who} GET ${url}`);
    }
    for (const url of routes) expect((await client.post(url, { maxRedirects: 0 })).status(), `${who} POST ${url}`).toBe(404);
    for (const action of actions) {
      const res = await callAction(client, action, fields);
      // An action answers in React's wire format: its result is the notFound() error (what the
      // browser shows as the 404 page), and nothing else comes back.
      const body = await res.text();
      expect(body, `${who} calls ${action.filename} ${action.exportedName}`).toMatch(ACTION_NOT_FOUND);
      expect(body).not.toMatch(/"ok"|"message"/);
      refused.push(`${who} ${action.exportedName}`);
    }
  }
  expect(await snapshot(), 'nothing changed').toEqual(before);

  // The same pages and the same kind of request, as an admin.
  for (const url of pages) expect((await adminPage.request.get(url)).status(), `admin GET ${url}`).toBe(200);
  const setRole = actions.find((a) => a.exportedName === 'setRoleAction')!;
  const promoted = await (await callAction(adminPage.request, setRole, { userId: victim.id, role: 'admin' })).text();
  expect(promoted).toMatch(/"ok":true/);
  expect(promoted).not.toMatch(/NEXT_HTTP_ERROR_FALLBACK/);
  expect((await sql`select role from users where id = ${victim.id}`)[0].role).toBe('admin');
  expect((await sql`select action, target_id from audit_log`).map((r) => [r.action, r.target_id])).toContainEqual(['user.role', victim.id]);
  await sql.end();
  await testInfo.attach('refused', { body: refused.join('\n'), contentType: 'text/plain' });
  console.log(`refused ${refused.length} requests: ${pages.length} pages, ${routes.length} routes, ${actions.length} actions, as 2 kinds of visitor`);
});
