/**
 * A translated template whose placeholders are elements (a `<code>` path, a text in another language): the
 * catalogue keeps the words and punctuation of each language around them (「（…）」 in Japanese, ` (…)` in
 * English) instead of the component gluing ASCII around a translation.
 */
import { Fragment, type ReactNode } from 'react';

/**
 * `text` is a template already filled by `t()` except for the names in `nodes` (which `t()` leaves as
 * `{name}`); each such placeholder becomes its node.
 */
export function withNodes(text: string, nodes: Readonly<Record<string, ReactNode>>): ReactNode {
  const parts = text.split(/(\{\w+\})/);
  return parts.map((part, index) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const node = name !== undefined && name in nodes ? nodes[name] : part;
    return <Fragment key={index}>{node}</Fragment>;
  });
}
