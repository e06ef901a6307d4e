import type { Element, Root } from 'hast'
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import { visitParents } from 'unist-util-visit-parents'

/**
 * The raw HTML policy, applied once in the shared tree so every output agrees.
 * GitHub's schema (no script, style, iframe, form, object/embed, meta, base, event handlers;
 * only http(s)/mailto links and http(s) images), with two changes:
 * - no id clobbering: Quire's outputs run no script, and footnote/heading links must keep working;
 * - `figure`/`figcaption` allowed, as they are plain document structure;
 * - style sheets, form controls and scripts' fallbacks are dropped whole, never shown as text;
 * - check boxes survive only where GFM task lists put them (see `dropStrayInputs`).
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  // Dropped with their content, not unwrapped to visible text.
  strip: ['script', 'style', 'textarea', 'select', 'option', 'button', 'noscript', 'template'],
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./]],
    section: ['dataFootnotes', ['className', 'footnotes']]
  }
}

/**
 * GitHub's schema keeps `<input type=checkbox disabled>` for task lists, so a raw `<input>` from a
 * form would become a stray check box: keep only those at the start of a task-list item; drop
 * paragraphs that sanitising left empty, and links with nothing in them (not anchors: `<a id>`, `<a name>`).
 */
export function dropStrayInputs(tree: Root): void {
  const stray: { node: Element; parent: Element | Root }[] = []
  const isTaskItem = (element: Element | Root | undefined) =>
    element?.type === 'element' && element.tagName === 'li' && String(element.properties.className ?? '').includes('task-list-item')
  visitParents(tree, 'element', (node, ancestors) => {
    const parent = ancestors.at(-1) as Element | Root | undefined
    if (!parent) return
    if (node.tagName === 'input') {
      const first = parent.children.find((child) => child.type === 'element') === node
      const hosted =
        isTaskItem(parent) || (parent.type === 'element' && parent.tagName === 'p' && isTaskItem(ancestors.at(-2) as Element | undefined))
      if (!(first && hosted)) stray.push({ node, parent })
    } else if (node.tagName === 'p' && node.children.every((child) => child.type === 'text' && child.value.trim() === '')) {
      stray.push({ node, parent })
    } else if (
      node.tagName === 'a' &&
      node.properties.id === undefined &&
      node.properties.name === undefined &&
      node.children.every((child) => child.type === 'text' && child.value.trim() === '')
    ) {
      // A raw `<a>` around a URL that GFM also links: the HTML parser splits the nested links and
      // leaves the outer one empty.
      stray.push({ node, parent })
    }
  })
  for (const { node, parent } of stray) parent.children.splice(parent.children.indexOf(node), 1)
}
