import type { ComponentChildren } from 'preact';

/** The admin's list table: a caption for screen readers, column headers, the rows the page renders. */
export function DataTable(p: { caption: string; columns: string[]; children: ComponentChildren }) {
  return (
    <table class="data-table">
      <caption class="visually-hidden">{p.caption}</caption>
      <thead>
        <tr>
          {p.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{p.children}</tbody>
    </table>
  );
}
