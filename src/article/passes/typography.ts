import type { Element, ElementContent, Root, Text } from 'hast'
import { retext } from 'retext'
import retextSmartypants from 'retext-smartypants'
// Phrasing elements: their text is part of the block around them; any other element starts a new block.
import { PHRASING } from './content-model.js'

/**
 * Typographic punctuation, in the tree every format renders (decision 22): straight quotes become the
 * quotation marks of the text's language, `--`/`---` dashes, `...` an ellipsis, and a no-break space
 * binds what a line must not split (`Node ≥ v4`, `10 MB`, a dash to the word before it, French spacing
 * before `; : ! ?` and inside guillemets). Never inside code, keyboard input, sample output, math or
 * preformatted text; the writer's own curly quotes and dashes are left as they are.
 *
 * Quotes need their context across inline elements (`"*foo*"`), so each block's text is read as one
 * string by retext-smartypants, with code standing in as letters; the other rules are local to a text
 * node.
 */

/** Quotation marks per language: double open, double close, single open, single close (CLDR, primary language). */
const QUOTES: Record<string, string> = {
  de: '„“‚‘',
  cs: '„“‚‘',
  sk: '„“‚‘',
  is: '„“‚‘',
  fr: '«»“”',
  es: '«»“”',
  it: '«»“”',
  ca: '«»“”',
  el: '«»“”',
  ru: '«»„“',
  uk: '«»„“',
  be: '«»„“',
  pl: '„”«»',
  ro: '„”«»',
  hu: '„”»«',
  'pt-PT': '«»“”'
}
const ENGLISH = '“”‘’'

/** Elements whose text is code or otherwise literal: never touched. */
const LITERAL = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'math', 'svg', 'textarea', 'template'])

/** One block's text: its text nodes in order, and the code between them as stand-in letters. */
interface Block {
  lang: string
  parts: (Text | string)[]
}

const quotes = retext().use(retextSmartypants, { quotes: true, ellipses: false, dashes: false, backticks: false })

/** Apply the typographic rules to the text of `tree`, whose language is `lang` where no `lang` attribute says otherwise. */
export function typesetPunctuation(tree: Root, lang: string): void {
  const blocks: Block[] = []
  let current: Block | undefined
  const walk = (children: ElementContent[] | Root['children'], blockLang: string) => {
    for (const child of children) {
      if (child.type === 'text') {
        current ??= { lang: blockLang, parts: [] }
        current.parts.push(child)
      } else if (child.type === 'element') {
        const own = typeof child.properties.lang === 'string' && child.properties.lang !== '' ? child.properties.lang : blockLang
        if (LITERAL.has(child.tagName)) {
          current ??= { lang: blockLang, parts: [] }
          current.parts.push('A'.repeat(Math.max(1, textLength(child))))
        } else if (PHRASING.has(child.tagName) && own === blockLang) {
          walk(child.children, blockLang)
        } else {
          // A block, or text in another language: its own run of text, apart from what surrounds it.
          const outer = current
          if (current) blocks.push(current)
          current = undefined
          walk(child.children, own)
          if (current) blocks.push(current)
          current = PHRASING.has(child.tagName) && outer ? { lang: outer.lang, parts: [] } : undefined
        }
      }
    }
  }
  walk(tree.children, lang)
  if (current) blocks.push(current)
  for (const block of blocks) typesetBlock(block)
}

/** The title, subtitle or another text outside the tree, alone. */
export function typesetPunctuationOf(text: string, lang: string): string {
  const node: Text = { type: 'text', value: text }
  typesetBlock({ lang, parts: [node] })
  return node.value
}

function typesetBlock(block: Block): void {
  const texts = block.parts.filter((part): part is Text => typeof part !== 'string')
  if (texts.length === 0) return
  const marks = quoteMarks(block.lang)
  if (texts.some((text) => /["']/.test(text.value))) {
    const joined = block.parts.map((part) => (typeof part === 'string' ? part : part.value)).join('')
    const curled = String(quotes.processSync(joined))
    // smartypants' quotes change no length: each text node takes back its own slice.
    if (curled.length === joined.length) {
      let offset = 0
      // Single quotes opened and not yet closed: a ’ with none open is an apostrophe (`απ' όσα`, `the '90s`).
      let open = 0
      for (const part of block.parts) {
        if (typeof part === 'string') {
          offset += part.length
          continue
        }
        const value = part.value
        let out = ''
        for (let index = 0; index < value.length; index += 1) {
          const char = value[index] as string
          const made = curled[offset + index] as string
          if (char !== '"' && char !== "'") out += char
          else if (made === '‘') {
            open += 1
            out += marks[2] as string
          } else if (made === '’') {
            const between = /\p{L}/u.test(value[index - 1] ?? '') && /\p{L}/u.test(value[index + 1] ?? '')
            if (open > 0 && !between) {
              open -= 1
              out += marks[3] as string
            } else out += '’'
          } else out += marks[ENGLISH.indexOf(made)] ?? made
        }
        part.value = out
        offset += value.length
      }
    }
  }
  for (const text of texts) text.value = punctuate(text.value, block.lang)
}

function quoteMarks(lang: string): string {
  const [language, region] = lang.split('-')
  return QUOTES[`${language}-${region?.toUpperCase()}`] ?? QUOTES[language?.toLowerCase() ?? ''] ?? ENGLISH
}

const UNITS = '(?:[KMGTP]i?B|kB|[KMG]bps|ms|µs|ns|min|px|pt|em|rem|Hz|kHz|MHz|GHz|°[CF]|%|‰|mm|cm|km|kg|s|h|m|g)'
const RULES: [RegExp, string][] = [
  // Dashes: `---` an em dash, `--` an en dash between spaces or digits (a `--flag` stays as typed).
  [/(?<=[\p{L}\p{N}\s]|^)---(?=[\p{L}\p{N}\s]|$)/gu, '—'],
  [/(?<=\s|^)--(?=\s|$)/g, '–'],
  [/(?<=\d)--(?=\d)/g, '–'],
  // A spaced dash never starts a line: the space before it does not break.
  [/(?<=\S) (?=[–—] )/g, '\u00A0'],
  // An ellipsis, but not a spread `...args` after a space.
  [/(?<!\.)\.\.\.(?!\.)(?![\p{L}\p{N}_$[{(])/gu, '…'],
  [/(?<=[\p{L}\p{N}])\.\.\.(?=[\p{L}\p{N}])/gu, '…'],
  // A number and its unit; a relation and its two sides (`Node ≥ v4`, `n = 3`).
  [new RegExp(`(?<=\\d) (?=${UNITS}(?![\\p{L}\\p{N}]))`, 'gu'), '\u00A0'],
  [/(?<=\S) ([≥≤≠≈=<>]|>=|<=) (?=\S)/g, '\u00A0$1\u00A0']
]
/** French: a narrow no-break space before `; ! ?` and inside guillemets, a no-break space before `:`. */
const FRENCH: [RegExp, string][] = [
  [/(?<=\S)[ \u00A0](?=[;!?»])/g, '\u202F'],
  [/(?<=[\p{L}\p{N}])(?=»)/gu, '\u202F'],
  [/(?<=«)[ \u00A0]?(?=\S)/g, '\u202F'],
  [/(?<=\S) (?=:(?:\s|$))/g, '\u00A0']
]

function punctuate(text: string, lang: string): string {
  let out = text
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement)
  if (lang.toLowerCase().startsWith('fr')) for (const [pattern, replacement] of FRENCH) out = out.replace(pattern, replacement)
  return out
}

function textLength(node: Element): number {
  let length = 0
  for (const child of node.children) {
    if (child.type === 'text') length += child.value.length
    else if (child.type === 'element') length += textLength(child)
  }
  return length
}
