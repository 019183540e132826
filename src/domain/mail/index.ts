export { UnconfiguredMailer, MailNotConfiguredError, assertHeaderSafe, type Mailer, type MailMessage } from './mailer.ts';
export { SmtpMailer, type SmtpOptions } from './smtp-mailer.ts';
export { MailOutbox, MAIL_JOB, MAX_ATTEMPTS, messageIdFor, type OutboxDeps, type QueuedMail } from './outbox.service.ts';

import { UnconfiguredMailer, type Mailer } from './mailer.ts';
import { SmtpMailer } from './smtp-mailer.ts';

export function createMailer(opts: { smtpUrl: string | null; mailFrom: string }): Mailer {
  return opts.smtpUrl ? new SmtpMailer({ url: opts.smtpUrl, from: opts.mailFrom }) : new UnconfiguredMailer();
}
