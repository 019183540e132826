import { commentError } from '../comments.errors.ts';
import { countLinks } from '../links.ts';
import type { PhaseContext } from '../pipeline.types.ts';
import { findListedWord, skeleton } from '../text.ts';

/**
 * Word lists run on folded text (NFKC, ignorables stripped, case-folded) and
 * on its look-alike fold (the one staff-like names use), so `sp\u200Bam`,
 * `ＳＰＡＭ`, Cyrillic `ѕраm` and `sp\u0307am` all match. Plain substring
 * search: no user-supplied regex, so nothing here can blow up (ReDoS).
 */
export function words(ctx: Pick<PhaseContext, 'input' | 'rules' | 'verdict'>): void {
  const text = `${ctx.input.name}\n${ctx.input.body}\n${ctx.input.authorUrl}`;
  if (findListedWord(text, ctx.rules.rejectWords)) {
    throw commentError('comment_rejected', 'body', 'This comment contains words this site does not accept.');
  }
  if (findListedWord(text, ctx.rules.holdWords)) ctx.verdict.held.add('hold_word');
}

export function links(ctx: Pick<PhaseContext, 'input' | 'rules' | 'verdict'>): void {
  if (countLinks(ctx.input.body) > ctx.rules.maxLinks) ctx.verdict.held.add('links');
}

const RESERVED = ['admin', 'administrator', 'editor', 'moderator', 'staff', 'webmaster', 'official'];

/** Names that pass for staff (`Еditor` in Cyrillic, `ａｄｍｉｎ`) are held for a human look (UTS #39 skeletons). */
export function confusableName(ctx: Pick<PhaseContext, 'input' | 'siteName' | 'verdict'>): void {
  const sk = skeleton(ctx.input.name);
  const site = skeleton(ctx.siteName);
  if (RESERVED.some((w) => sk.includes(w)) || (site.length >= 4 && sk.includes(site))) ctx.verdict.held.add('confusable_name');
}

/** A filled honeypot is kept as spam: the bot is told nothing, readers never see it. */
export function honeypot(ctx: Pick<PhaseContext, 'input' | 'verdict'>): void {
  if (ctx.input.honeypot) {
    ctx.verdict.spam = true;
    ctx.verdict.held.add('honeypot');
  }
}
