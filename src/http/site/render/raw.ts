import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';

/**
 * Markup we rendered ourselves (a memoised fragment, a renderToString
 * result, the escaping document renderer's output) placed into a preact
 * tree as it is, without a wrapper element. This is the template node of
 * preact's precompiled-JSX support, which preact-render-to-string writes
 * out verbatim. Never give it text from a request or the database that has
 * not been through one of those renderers.
 */
export function raw(html: string): VNode {
  return jsxTemplate([html]);
}
