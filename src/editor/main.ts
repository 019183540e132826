import { Editor, type JSONContent } from '@tiptap/core';
import { enhanceBylines, type PersonOption } from './byline-picker.ts';
import { checksKey, EditorialChecks, nodeAtPath, rangesOf, type Finding, type FindingRange } from './checks.ts';
import type { ConfiguredProvider } from '../domain/embeds/providers.ts';
import { toStoredDoc } from './doc.ts';
import { useEmbedProviders } from './embed.ts';
import { draftToRestore, dropDraft, keepDraft } from './kept-draft.ts';
import { enhanceFeatured } from './featured-picker.ts';
import { MediaDialog } from './media-dialog.ts';
import { hooks, imageUrls } from './node-views.ts';
import { storyExtensions, isSafeHref } from './schema.ts';
import { buildToolbar } from './toolbar.ts';

/**
 * The story editor, as progressive enhancement of the plain form the
 * server renders: without this script the body is a Markdown textarea and
 * every other field posts as usual. With it, the body is a TipTap editor
 * whose JSON is put into `bodyJson` on submit, drafts autosave every ten
 * seconds of change, and check findings are marked in the text.
 */
interface PageData {
  doc: JSONContent;
  images: Record<string, string>;
  embedProviders?: ConfiguredProvider[];
  findings: Finding[];
  people: PersonOption[];
  urls: { autosave: string; create: string; upload: string; library: string; dismiss: string };
  autosave: boolean;
}

const AUTOSAVE_MS = 10_000;

function boot(form: HTMLFormElement): void {
  const data = JSON.parse(document.getElementById('story-data')?.textContent ?? '{}') as PageData;
  const csrf = (form.elements.namedItem('_csrf') as HTMLInputElement).value;
  const mount = document.getElementById('editor-mount') as HTMLElement;
  const textarea = document.getElementById('body-markdown') as HTMLTextAreaElement;
  const statusEl = document.getElementById('save-status') as HTMLElement;
  for (const [id, url] of Object.entries(data.images ?? {})) imageUrls.set(Number(id), url);
  useEmbedProviders(data.embedProviders);

  const content = data.doc?.content?.length ? data.doc : { type: 'doc', content: [{ type: 'paragraph' }] };
  // injectCSS off: the admin CSP forbids inline <style>; the base rules are in editor.css.
  const editor = new Editor({ element: mount, injectCSS: false, extensions: [...storyExtensions(), EditorialChecks], content, editorProps: { attributes: { class: 'story-prose', 'aria-label': 'Story body', role: 'textbox', 'aria-multiline': 'true' } } });
  textarea.disabled = true;
  textarea.closest('.body-fallback')?.setAttribute('hidden', '');
  mount.hidden = false;

  const media = new MediaDialog({ uploadUrl: data.urls.upload, listUrl: data.urls.library, csrf });
  const bylines = form.querySelector<HTMLElement>('[data-byline-picker]');
  if (bylines) enhanceBylines(bylines, data.people ?? []);
  const featured = form.querySelector<HTMLElement>('[data-featured-picker]');
  if (featured) enhanceFeatured(featured, media, { csrf, mediaUrl: (id) => `${data.urls.upload}/${id}` });
  hooks.editImage = (attrs, save) => media.open(attrs as never, (c) => save({ ...c }));
  mount.before(buildToolbar(editor, {
    image: () => media.open(null, (c) => editor.chain().focus().insertStoryImage(c).run()),
    link: () => {
      const prev = String(editor.getAttributes('link').href ?? '');
      const href = window.prompt('Link to (https://…, mailto: or /path on this site)', prev);
      if (href === null) return;
      if (!href.trim()) return void editor.chain().focus().unsetLink().run();
      if (!isSafeHref(href.trim())) return void window.alert('That address is not allowed: use http(s), mailto: or a path on this site.');
      editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
    },
  }));

  const bodyJson = form.elements.namedItem('bodyJson') as HTMLInputElement;
  const storedDoc = () => toStoredDoc(editor.getJSON());
  const versionInput = form.elements.namedItem('version') as HTMLInputElement;
  const formFields = () => {
    const fields: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && !['_csrf', 'intent', 'bodyJson', 'bodyMarkdown'].includes(k)) fields[k] = v;
    return fields;
  };
  const keepLocal = () => keepDraft(form.dataset.storyId, { fields: formFields(), doc: storedDoc(), version: versionInput.value, savedAt: Date.now() });
  form.addEventListener('submit', () => {
    bodyJson.value = JSON.stringify(storedDoc());
    // If this save does not land (503), the page the writer comes back to restores the text.
    keepLocal();
    dirty = false;
  });

  // Findings: marks in the text and the side list.
  const list = document.getElementById('check-list') as HTMLOListElement;
  const showFindings = (findings: Finding[]) => {
    editor.view.dispatch(editor.state.tr.setMeta(checksKey, findings).setMeta('addToHistory', false));
    renderFindings(list, findings, { jump: (range) => jump(editor, range), dismiss: (f, reason) => void dismiss(f, reason) });
    for (const name of ['headline', 'dek', 'dateline']) {
      const input = form.elements.namedItem(name) as HTMLElement | null;
      input?.classList.toggle('has-finding', findings.some((f) => rangesOf(f).some((r) => 'field' in r && r.field === name)));
    }
  };
  showFindings(data.findings ?? []);

  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });

  async function dismiss(f: Finding, reason: string): Promise<void> {
    const res = await post(data.urls.dismiss, { ruleId: f.ruleId, fingerprint: f.fingerprint, reason });
    const json = await res.json().catch(() => ({}));
    if (res.ok) showFindings(json.findings);
    else setStatus(json.error?.message ?? 'Could not dismiss the finding.', 'error');
  }

  function setStatus(text: string, kind: 'ok' | 'error' | 'conflict' | 'busy' = 'ok'): void {
    statusEl.textContent = text;
    statusEl.dataset.kind = kind;
  }

  // Autosave: drafts only; a live story changes only when someone presses Update.
  let dirty = false;
  let saving = false;
  let stopped = !data.autosave;
  editor.on('update', () => (dirty = true));
  form.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).closest('#editor-mount, dialog')) return;
    dirty = true;
  });
  let retryTimer: number | undefined;
  /** The server is away: the text stays here and in the tab's storage, and the save is tried again. */
  function unsaved(retryAfterSeconds: number, why: string): void {
    dirty = true;
    keepLocal();
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => void autosave(), Math.max(2, retryAfterSeconds) * 1000);
    setStatus(`Not saved yet: ${why}. Your text is kept in this browser and will be saved automatically when the site is back; keep writing.`, 'error');
  }
  async function autosave(): Promise<void> {
    if (!dirty || saving || stopped) return;
    saving = true;
    dirty = false;
    setStatus('Saving…', 'busy');
    const fields = formFields();
    const isNew = !form.dataset.storyId;
    try {
      const res = await post(isNew ? data.urls.create : data.urls.autosave, { fields, body: storedDoc() });
      const json = await res.json().catch(() => ({}));
      if (res.status === 409) {
        stopped = true;
        return setStatus(json.error?.message ?? 'Someone else saved this story. Your changes are not saved: copy your text, then reload.', 'conflict');
      }
      if (res.status === 503) return unsaved(Number(res.headers.get('retry-after')) || 5, 'the site cannot reach its database just now');
      if (!res.ok) {
        dirty = true;
        return setStatus(json.error?.message ?? `Not saved (${res.status}).`, 'error');
      }
      dropDraft(form.dataset.storyId);
      versionInput.value = String(json.article.version);
      if (isNew) adoptNewStory(form, data, json.article.id);
      showFindings(json.findings ?? []);
      setStatus(`Draft saved at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`);
    } catch {
      unsaved(10, 'the site did not answer (offline?)');
    } finally {
      saving = false;
    }
  }
  window.setInterval(() => void autosave(), AUTOSAVE_MS);
  const kept = draftToRestore(form.dataset.storyId, versionInput.value, (form.elements.namedItem('headline') as HTMLInputElement | null)?.value ?? '');
  if (kept) {
    restoreFields(form, kept.fields);
    editor.commands.setContent(kept.doc);
    dirty = true;
    const at = new Date(kept.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    setStatus(`Restored the text you had at ${at}, which was not saved (the site was unavailable). Save again when ready.`, 'error');
  }
  window.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });
  (window as unknown as { storyEditor: unknown }).storyEditor = { editor, autosave, storedDoc };
}

/** Text fields back as the writer left them; hidden and choice inputs the page owns are left alone. */
function restoreFields(form: HTMLFormElement, fields: Record<string, string>): void {
  for (const [name, value] of Object.entries(fields)) {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && ['text', 'search', 'url', ''].includes(el.type))) el.value = value;
  }
}

/** The first autosave of a new story created it: from now on the page is that story's. */
function adoptNewStory(form: HTMLFormElement, data: PageData, id: number): void {
  form.dataset.storyId = String(id);
  form.action = `/admin/stories/${id}`;
  data.urls.autosave = `/admin/stories/${id}/autosave`;
  data.urls.dismiss = `/admin/stories/${id}/dismissals`;
  history.replaceState(null, '', `/admin/stories/${id}`);
}

function jump(editor: Editor, range: FindingRange): void {
  if (!('path' in range)) {
    (document.querySelector(`[name="${range.field}"]`) as HTMLElement | null)?.focus();
    return;
  }
  const at = nodeAtPath(editor.state.doc, range.path);
  if (!at) return;
  const pos = at.node.isTextblock ? at.pos + 1 + Math.min(range.start, at.node.content.size) : at.pos;
  const end = at.node.isTextblock ? at.pos + 1 + Math.min(range.end, at.node.content.size) : pos;
  // Select first, then focus: in one chain, focus() would put back the selection the chain started with.
  editor.commands.setTextSelection({ from: pos, to: end });
  editor.commands.focus();
  editor.commands.scrollIntoView();
}

/**
 * A finding with several places (a name spelled two ways) is one item: its
 * message jumps to the first place, then each click to the next, round and
 * round, and says which one it is on. One dismissal covers them all.
 */
function placesButton(f: Finding, jumpTo: (range: FindingRange) => void): HTMLButtonElement {
  const ranges = rangesOf(f);
  const head = document.createElement('button');
  head.type = 'button';
  head.className = 'finding-message';
  head.textContent = f.message;
  let next = 0;
  const where = document.createElement('span');
  where.className = 'finding-places';
  where.textContent = ranges.length > 1 ? ` (${ranges.length} places)` : '';
  head.append(where);
  head.addEventListener('click', () => {
    jumpTo(ranges[next]);
    if (ranges.length > 1) where.textContent = ` (place ${next + 1} of ${ranges.length})`;
    next = (next + 1) % ranges.length;
  });
  return head;
}

function renderFindings(list: HTMLOListElement, findings: Finding[], on: { jump: (range: FindingRange) => void; dismiss: (f: Finding, reason: string) => void }): void {
  list.textContent = '';
  const empty = document.getElementById('check-empty');
  if (empty) empty.hidden = findings.length > 0;
  for (const f of findings) {
    const li = document.createElement('li');
    li.className = `finding finding-${f.severity}`;
    const head = placesButton(f, on.jump);
    const sev = document.createElement('span');
    sev.className = 'finding-severity';
    sev.textContent = f.severity;
    li.append(sev, head);
    if (f.suggestion) {
      const s = document.createElement('p');
      s.className = 'finding-suggestion';
      s.textContent = `Suggestion: ${f.suggestion}`;
      li.append(s);
    }
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Dismiss…';
    const reason = document.createElement('input');
    reason.type = 'text';
    reason.placeholder = 'Why is this fine?';
    reason.setAttribute('aria-label', 'Reason for dismissing');
    reason.maxLength = 500;
    const ok = document.createElement('button');
    ok.type = 'button';
    ok.textContent = 'Dismiss';
    ok.addEventListener('click', () => (reason.value.trim() ? on.dismiss(f, reason.value.trim()) : reason.focus()));
    details.append(summary, reason, ok);
    li.append(details);
    list.append(li);
  }
}

const form = document.getElementById('story-form');
if (form instanceof HTMLFormElement) boot(form);
