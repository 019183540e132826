/**
 * Bylines as a list: add a person from the newsroom's people, move one up or
 * down, remove one. The form still posts the `bylines` text field (slugs in
 * order, comma separated), so the server reads the same thing with or
 * without this script; the field is only hidden.
 */
export interface PersonOption {
  slug: string;
  name: string;
  roleTitle: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

export function enhanceBylines(root: HTMLElement, people: PersonOption[]): void {
  const input = root.querySelector<HTMLInputElement>('input[name="bylines"]');
  if (!input) return;
  const bySlug = new Map(people.map((p) => [p.slug, p]));
  let slugs = input.value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  input.type = 'hidden';
  root.querySelector('.field-hint')?.setAttribute('hidden', '');
  const label = root.querySelector('label');
  const list = el('ol', { className: 'byline-list' });
  list.setAttribute('aria-label', 'Bylines, in order');
  const add = el('select', { id: 'byline-add', className: 'byline-add' });
  const addLabel = el('label', { htmlFor: 'byline-add', className: 'field-hint' }, 'Add a byline');
  const status = el('p', { className: 'visually-hidden' });
  status.setAttribute('role', 'status');
  if (label) label.removeAttribute('for');
  root.querySelector('.field')?.append(list, addLabel, add, status);

  const commit = (message: string) => {
    input.value = slugs.join(', ');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    render();
    status.textContent = message;
  };
  const nameOf = (slug: string) => bySlug.get(slug)?.name ?? slug;

  function button(text: string, aria: string, disabled: boolean, run: () => void): HTMLButtonElement {
    const b = el('button', { type: 'button', className: 'button-small button-secondary', textContent: text, disabled });
    b.setAttribute('aria-label', aria);
    b.addEventListener('click', run);
    return b;
  }

  function render(): void {
    list.textContent = '';
    slugs.forEach((slug, i) => {
      const move = (to: number) => () => {
        [slugs[i], slugs[to]] = [slugs[to], slugs[i]];
        commit(`${nameOf(slug)} is now byline ${to + 1}.`);
        (list.children[to]?.querySelector('button') as HTMLButtonElement | null)?.focus();
      };
      const known = bySlug.get(slug);
      list.append(
        el(
          'li',
          { className: 'byline-item' },
          el('span', { className: 'byline-name', textContent: known ? known.name : `${slug} (not in People)` }),
          button('↑', `Move ${nameOf(slug)} up`, i === 0, move(i - 1)),
          button('↓', `Move ${nameOf(slug)} down`, i === slugs.length - 1, move(i + 1)),
          button('Remove', `Remove ${nameOf(slug)}`, false, () => {
            slugs = slugs.filter((s) => s !== slug);
            commit(`${nameOf(slug)} removed from the bylines.`);
            add.focus();
          }),
        ),
      );
    });
    add.textContent = '';
    add.append(el('option', { value: '', textContent: slugs.length ? 'Add another person…' : 'Choose a person…' }));
    for (const p of people) if (!slugs.includes(p.slug)) add.append(el('option', { value: p.slug, textContent: p.roleTitle ? `${p.name} — ${p.roleTitle}` : p.name }));
  }

  add.addEventListener('change', () => {
    if (!add.value) return;
    const slug = add.value;
    slugs = [...slugs, slug];
    commit(`${nameOf(slug)} added as byline ${slugs.length}.`);
    add.focus();
  });
  render();
}
