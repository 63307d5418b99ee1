import { html, type SafeHtml } from './html.ts';

/** A record's section: a heading, then a table (cards on a phone, each line named by its column), or a line saying there is none. */
export function section<T>(id: string, title: string, rows: readonly T[], headers: string[], cells: (row: T) => (string | SafeHtml)[]): SafeHtml {
  return html`<h2>${title}</h2>${
    rows.length === 0
      ? html`<p class="muted" id="${id}">没有记录。</p>`
      : html`<table id="${id}"><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>
${rows.map((row) => html`<tr>${cells(row).map((cell, index) => html`<td data-label="${headers[index]}">${cell}</td>`)}</tr>`)}
</tbody></table>`
  }`;
}

/** A short list (ul), or nothing. */
export function list<T>(id: string, rows: readonly T[], item: (row: T) => SafeHtml): SafeHtml {
  return rows.length === 0 ? html`` : html`<ul id="${id}">${rows.map((row) => html`<li>${item(row)}</li>`)}</ul>`;
}
