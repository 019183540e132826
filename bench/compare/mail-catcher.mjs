// A local SMTP server for Ghost's member sign-in mail: keeps each message in OUT_DIR (no mail leaves the machine).
import fs from 'node:fs';
import { SMTPServer } from 'smtp-server';
const out = process.argv[2] ?? '/tmp/ghost/mail';
fs.mkdirSync(out, { recursive: true });
let n = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'],
  onData(stream, session, done) {
    const chunks = []; stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => { fs.writeFileSync(`${out}/${++n}.eml`, Buffer.concat(chunks)); console.log('mail', n, session.envelope.rcptTo.map((r) => r.address).join(',')); done(); });
  },
});
server.listen(1025, '127.0.0.1', () => console.log('smtp on 127.0.0.1:1025'));
