import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '../env';
import { processSingleton } from '../process-singleton';

export type Mail = { to: string; subject: string; text: string; html: string };

/** Mail is on when SMTP_URL is set; off (the single-machine default), links go to the server log. */
export function isMailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

function transport(): Transporter {
  return processSingleton('mail-transport', () => nodemailer.createTransport(env().SMTP_URL as string));
}

/**
 * Sends one message through SMTP_URL. With mail off it prints the message for the operator, who
 * can pass a reset link on by hand; nothing else reads it. SMTP errors throw: an outage, not a refusal.
 */
export async function sendMail(mail: Mail): Promise<void> {
  if (!isMailConfigured()) {
    console.info(`[mail] mail is not configured (SMTP_URL); not sent to ${mail.to}: ${mail.subject}\n${mail.text}`);
    return;
  }
  await transport().sendMail({ from: env().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
}
