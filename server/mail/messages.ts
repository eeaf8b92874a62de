import 'server-only';
import { env } from '../env';
import type { Mail } from './mailer';

/**
 * Links in mail use PUBLIC_URL (else the local address the web process listens on), never the
 * request's Host header: a forged Host would otherwise put someone's reset token in a link to
 * another site.
 */
export function appUrl(pathAndQuery: string): string {
  const base = (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, '');
  return `${base}${pathAndQuery}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Paragraphs of plain text; a paragraph that is a URL becomes a link in the HTML part. */
function compose(to: string, subject: string, paragraphs: string[]): Mail {
  const html = paragraphs
    .map((p) => (/^https?:\/\/\S+$/.test(p) ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>` : `<p>${escapeHtml(p)}</p>`))
    .join('\n');
  return { to, subject, text: `${paragraphs.join('\n\n')}\n\n-- \nKumori\n`, html };
}

export function resetPasswordMail(to: string, link: string, minutes: number): Mail {
  return compose(to, 'Reset your Kumori password', [
    'Someone (hopefully you) asked to reset the password of your Kumori account. Choose a new password here:',
    link,
    `The link works once, for ${minutes} minutes. If you did not ask for it, ignore this message: your password stays as it is.`,
  ]);
}

export function verifyEmailMail(to: string, link: string): Mail {
  return compose(to, 'Confirm your email for Kumori', [
    'Welcome to Kumori. Confirm that this address is yours to activate your account and receive your starting credits:',
    link,
    'If you did not sign up, ignore this message and no account will be activated.',
  ]);
}

export function signUpAttemptMail(to: string): Mail {
  return compose(to, 'Someone tried to sign up to Kumori with your address', [
    'Someone tried to create a Kumori account with this email address, but you already have one. Nothing was changed.',
    'If it was you, sign in here:',
    appUrl('/signin'),
    'Forgot your password? Reset it here:',
    appUrl('/forgot-password'),
  ]);
}

export function changeEmailMail(to: string, link: string): Mail {
  return compose(to, 'Confirm your new email for Kumori', [
    'Confirm that this is the new address of your Kumori account:',
    link,
    'Until you do, your account keeps its current address. If you did not ask for this, ignore this message.',
  ]);
}

export function emailChangeRequestedMail(to: string, newEmail: string): Mail {
  return compose(to, 'Your Kumori email is about to change', [
    `Someone signed in to your Kumori account asked to change its email address to ${newEmail}. It changes only once that address is confirmed.`,
    'If this was not you, change your password now:',
    appUrl('/settings'),
  ]);
}

export function passwordChangedMail(to: string): Mail {
  return compose(to, 'Your Kumori password was changed', [
    'The password of your Kumori account was just changed, and every other signed-in browser was signed out.',
    'If this was not you, reset your password now:',
    appUrl('/forgot-password'),
  ]);
}
