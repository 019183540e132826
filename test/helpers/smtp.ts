import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

export interface SmtpOptions {
  /**
   * While this answers true, a message is kept in the inbox but not
   * acknowledged (the sender waits for the answer to DATA): the window in
   * which a sender that dies has delivered a message without knowing it.
   */
  hold?: () => boolean;
}

/** A real SMTP server on a random local port, keeping every message it is handed. */
export async function startSmtp(port = 0, opts: SmtpOptions = {}): Promise<{ port: number; inbox: Received[]; release(): void; close(): Promise<void> }> {
  const inbox: Received[] = [];
  const held: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        if (opts.hold?.()) held.push(() => done());
        else done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    inbox,
    release: () => held.splice(0).forEach((done) => done()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text body of a message, quoted-printable decoded as UTF-8 (nodemailer's choice for non-ASCII text). */
export function bodyOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const latin1 = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

export async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}


/** The Message-ID header of a raw message. */
export function messageIdOf(raw: string): string | undefined {
  return /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1];
}
