import { expect, test, type BrowserContext } from '@playwright/test';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { signIn, signInAdmin, signUp } from './helpers';
import { E2E_ADMIN_EMAIL, E2E_DATABASE_URL } from './e2e-env';

// Sessions end on the server: a cookie copied before sign-out (or kept by a browser) opens no
// page, API route or socket afterwards, and an open tab learns at once when its session ends.

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** A Socket.IO client as a page of `origin` opens it, carrying `cookie`. */
function openSocket(baseURL: string, cookie: string, origin = baseURL): { socket: Socket; opened: Promise<void>; closedBecause: () => string | null } {
  const socket = io(baseURL, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie, origin }, reconnection: false });
  let reason: string | null = null;
  socket.on('disconnect', (r) => (reason = r));
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return { socket, opened, closedBecause: () => reason };
}

test('signing out ends the session: the old cookie opens no page, API route or socket', async ({ page, browser, baseURL }) => {
  await signUp(page);
  const kept = await sessionCookie(page.context());
  const cookie = `${kept.name}=${kept.value}`;
  const sockets: Socket[] = [];
  try {
    // While signed in the cookie works everywhere, and only our own origin may open a socket with it.
    expect((await fetch(`${baseURL}/api/me`, { headers: { cookie } })).status).toBe(200);
    const live = openSocket(baseURL!, cookie);
    sockets.push(live.socket);
    await live.opened;
    const foreign = openSocket(baseURL!, cookie, 'https://evil.example');
    sockets.push(foreign.socket);
    await expect(foreign.opened).rejects.toThrow();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

    // The socket opened with the cookie is closed by the server, and the cookie cannot open another.
    await expect.poll(live.closedBecause).toBe('io server disconnect');
    const again = openSocket(baseURL!, cookie);
    sockets.push(again.socket);
    await expect(again.opened).rejects.toThrow('unauthorized');
    // The API refuses it.
    expect((await fetch(`${baseURL}/api/me`, { headers: { cookie } })).status).toBe(401);
    // A browser holding the old cookie is a visitor: the studio sends it to sign in.
    const replay = await browser.newContext();
    await replay.addCookies([kept]);
    const replayPage = await replay.newPage();
    await replayPage.goto('/generate');
    await expect(replayPage).toHaveURL(/\/signin$/);
    await replay.close();
  } finally {
    for (const s of sockets) s.disconnect();
  }
});

test('a suspension ends the open session at once; the user may sign in again to read', async ({ page, browser }) => {
  const email = await signUp(page);
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql`select id from users where email = ${email}`;
    const kept = await sessionCookie(page.context());

    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signInAdmin(adminPage, E2E_ADMIN_EMAIL);
    await adminPage.goto(`/admin/users/${user.id}`);
    await adminPage.getByLabel('Reason (kept in the audit log)').fill('e2e: ends sessions');
    await adminPage.getByRole('button', { name: 'Suspend account' }).click();
    await expect(adminPage.getByText(`${email} is suspended`)).toBeVisible();
    await admin.close();

    // The user's open studio tab hears its socket close and reloads as a visitor: the sign-in page.
    await expect(page).toHaveURL(/\/signin$/);
    expect((await fetch(`${new URL(page.url()).origin}/api/me`, { headers: { cookie: `${kept.name}=${kept.value}` } })).status).toBe(401);

    await signIn(page, email);
  } finally {
    await sql.end();
  }
});
