/** What the e2e server runs with, shared with the specs that read its database or sign in as admin. */
export const E2E_DATABASE_URL = `${process.env.E2E_DATABASE_BASE ?? 'postgres://postgres@127.0.0.1:5432'}/kumori_e2e`;
/** Signs up as an admin (ADMIN_EMAILS); every other e2e account is a plain user. */
export const E2E_ADMIN_EMAIL = 'admin-e2e@example.com';
