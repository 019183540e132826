/** One plain-text message to one recipient: all the accounts module sends. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * `<…@host>`, the same for every send of one queued message: a resend
   * after a crash between sending and recording it is recognisable as
   * the same message (docs/jobs.md, the at-least-once window).
   */
  messageId?: string;
}

/** The port: domain code sends mail through this, never through a transport library. */
export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('mail is not configured: set SMTP_URL (e.g. smtp://user:pass@mail.example:587) to send password-reset and invitation emails');
  }
}

/** Used when SMTP_URL is unset: every send fails loudly, so a lost reset email shows in the log. */
export class UnconfiguredMailer implements Mailer {
  async send(): Promise<void> {
    throw new MailNotConfiguredError();
  }
}

// CR/LF in a header value would start a new header (Bcc: …); nodemailer
// encodes them, but nothing user-controlled should get that far.
const HEADER_UNSAFE = /[\r\n\u0000]/;

export function assertHeaderSafe(msg: MailMessage): void {
  if (HEADER_UNSAFE.test(msg.to) || HEADER_UNSAFE.test(msg.subject) || HEADER_UNSAFE.test(msg.messageId ?? '')) throw new Error('mail header contains a line break');
}
