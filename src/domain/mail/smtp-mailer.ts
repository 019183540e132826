import nodemailer, { type Transporter } from 'nodemailer';
import { assertHeaderSafe, type MailMessage, type Mailer } from './mailer.ts';

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://… (implicit TLS). */
  url: string;
  from: string;
}

/** SMTP through nodemailer: one pooled transport per process. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly opts: SmtpOptions) {
    this.transport = nodemailer.createTransport(opts.url);
  }

  async send(msg: MailMessage): Promise<void> {
    assertHeaderSafe(msg);
    await this.transport.sendMail({ from: this.opts.from, to: msg.to, subject: msg.subject, text: msg.text, messageId: msg.messageId });
  }

  close(): void {
    this.transport.close();
  }
}
