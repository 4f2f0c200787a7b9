import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailMessage } from './outbox.repository.js';

export interface Mailer {
  send(message: MailMessage, messageId: string): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise (outside production) each mail is written as an
 * .eml file under DATA_DIR/mail, so a developer can read what would have been sent.
 */
export function createMailer(opts: { smtpUrl: string | undefined; from: string; dataDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(m, messageId) {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, messageId, attachments: m.attachments });
      },
      close: () => transport.close(),
    };
  }
  const dir = path.join(opts.dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m, messageId) {
      const info = await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, messageId, attachments: m.attachments });
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}
