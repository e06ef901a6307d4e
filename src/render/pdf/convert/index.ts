import { hasClass, type Handlers } from '../state.js'
import { blockquote } from './blockquote.js'
import { code, codeStartHeight } from './code.js'
import { caption, container, description, details, figure, summary, term } from './containers.js'
import { fallback } from './fallback.js'
import { section } from './footnotes.js'
import { heading } from './heading.js'
import { image } from './image.js'
import { list } from './list.js'
import { mathDisplay } from './math.js'
import { paragraph } from './paragraph.js'
import { phrasingFallback, phrasingHandlers } from './phrasing.js'
import { rule } from './rule.js'
import { table, tableStartHeight } from './table.js'

/** Every element the PDF renderer lays out, by tag name. Phrasing elements live in phrasing.ts. */
export const handlers: Handlers = {
  block: {
    address: container,
    article: container,
    aside: container,
    blockquote,
    caption,
    center: container,
    dd: description,
    details,
    // Display math is a div (math pass): MathJax sets it; any other div holds blocks.
    div: (state, node, parent) => (hasClass(node, 'math-display') ? mathDisplay : container)(state, node, parent),
    dl: container,
    dt: term,
    figcaption: caption,
    figure,
    footer: container,
    h1: heading,
    h2: heading,
    h3: heading,
    h4: heading,
    h5: heading,
    h6: heading,
    header: container,
    hgroup: container,
    hr: rule,
    img: image,
    li: container,
    main: container,
    nav: container,
    ol: list,
    p: paragraph,
    // picture: its img (local sources other than the img are never read); source alone says nothing.
    picture: figure,
    source: () => {},
    pre: code,
    section,
    summary,
    table,
    ul: list
  },
  phrasing: phrasingHandlers,
  start: { pre: codeStartHeight, table: tableStartHeight },
  blockFallback: fallback,
  phrasingFallback
}
