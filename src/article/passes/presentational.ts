import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'

// Presentational attributes HTML5 made obsolete; raw HTML from the web (READMEs) is full of them.
const OBSOLETE = [
  'border',
  'cellPadding',
  'cellSpacing',
  'frame',
  'rules',
  'bgColor',
  'color',
  'clear',
  'compact',
  'hSpace',
  'vSpace',
  'noWrap',
  'char',
  'charOff',
  'axis',
  'longDesc',
  'vAlign',
  'summary',
  'language'
]
const SIZED = new Set(['img', 'video', 'canvas', 'svg', 'iframe', 'embed', 'object', 'input', 'source'])
const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify'])
/**
 * GitHub's schema allows these attributes on every element; HTML only on some (each element's
 * "content attributes"). Elsewhere they are dropped: `<a alt="…">` is invalid HTML and XHTML.
 */
const ONLY_ON: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries({
    abbr: ['th'],
    alt: ['img', 'input', 'area'],
    checked: ['input'],
    colSpan: ['td', 'th'],
    rowSpan: ['td', 'th'],
    headers: ['td', 'th'],
    scope: ['th'],
    dateTime: ['time', 'del', 'ins'],
    hrefLang: ['a'],
    htmlFor: ['label', 'output'],
    isMap: ['img'],
    media: ['source'],
    name: ['details', 'input'],
    open: ['details'],
    span: ['col', 'colgroup'],
    start: ['ol'],
    value: ['li', 'input', 'data'],
    accept: [],
    acceptCharset: [],
    action: [],
    encType: [],
    method: [],
    charSet: [],
    cols: [],
    rows: [],
    coords: [],
    shape: [],
    noHref: [],
    label: [],
    maxLength: [],
    multiple: [],
    selected: [],
    readOnly: [],
    prompt: [],
    rev: [],
    useMap: [],
    noShade: []
  }).map(([name, elements]) => [name, new Set(elements)])
)

/**
 * Turn obsolete presentation into what the stylesheets and the PDF theme understand, once, in the
 * shared tree: `align` becomes an `align-*` class (GFM table alignment arrives this way too), floats
 * for images; `<a name>` becomes an id; other obsolete attributes are dropped.
 */
export function normalisePresentation(tree: Root): void {
  dropDarkTwins(tree)
  visit(tree, 'element', (node) => {
    const props = node.properties
    const align = typeof props.align === 'string' ? props.align.toLowerCase() : undefined
    delete props.align
    if (align) {
      if (node.tagName === 'img') {
        if (align === 'left' || align === 'right') addClass(node, `float-${align}`)
      } else if (ALIGNMENTS.has(align)) {
        addClass(node, `align-${align}`)
      }
    }
    for (const name of OBSOLETE) delete props[name]
    if (node.tagName === 'a' && typeof props.name === 'string' && props.id === undefined) props.id = props.name
    for (const name of Object.keys(props)) if (ONLY_ON[name] && !ONLY_ON[name].has(node.tagName)) delete props[name]
    if (node.tagName !== 'input' && node.tagName !== 'select') delete props.size
    for (const name of ['width', 'height'] as const) {
      if (props[name] === undefined) continue
      // Only whole pixels are valid; `160px;` is read as 160, a percentage is left to the stylesheet.
      const pixels = /^\s*(\d+)(?:\.\d+)?\s*(?:px)?\s*;?\s*$/.exec(String(props[name]))
      if (SIZED.has(node.tagName) && pixels) props[name] = Number(pixels[1])
      else delete props[name]
    }
  })
}

/**
 * GitHub shows an image whose URL ends in `#gh-dark-mode-only` only in its dark theme, as the twin of
 * a `#gh-light-mode-only` one beside it (the same chart in two palettes). Quire's outputs show the
 * light one only: the printed page and the book are light, and a page showing both would show the
 * chart twice. A link left with nothing but spaces goes with its image. Says whether it dropped any.
 */
function dropDarkTwins(parent: Root | Element): boolean {
  let dropped = false
  parent.children = parent.children.filter((child) => {
    if (child.type !== 'element') return true
    if (child.tagName === 'img' && typeof child.properties.src === 'string' && /#gh-dark-mode-only$/i.test(child.properties.src)) {
      dropped = true
      return false
    }
    if (!dropDarkTwins(child)) return true
    dropped = true
    return !(child.tagName === 'a' && child.children.every((grandchild) => grandchild.type === 'text' && grandchild.value.trim() === ''))
  }) as typeof parent.children
  return dropped
}

function addClass(node: Element, name: string): void {
  const current = Array.isArray(node.properties.className) ? node.properties.className : []
  node.properties.className = [...current, name]
}
