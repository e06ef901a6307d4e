import { mathjax } from 'mathjax-full/js/mathjax.js'
import { TeX } from 'mathjax-full/js/input/tex.js'
import { liteAdaptor, type LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js'
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js'
import { STATE } from 'mathjax-full/js/core/MathItem.js'
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js'
import type { MmlNode } from 'mathjax-full/js/core/MmlTree/MmlNode.js'
import type { OutputJax } from 'mathjax-full/js/core/OutputJax.js'
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js'
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js'
import 'mathjax-full/js/input/tex/amscd/AmsCdConfiguration.js'
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js'
import 'mathjax-full/js/input/tex/braket/BraketConfiguration.js'
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js'
import 'mathjax-full/js/input/tex/cases/CasesConfiguration.js'
import 'mathjax-full/js/input/tex/centernot/CenternotConfiguration.js'
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js'
import 'mathjax-full/js/input/tex/extpfeil/ExtpfeilConfiguration.js'
import 'mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js'
import 'mathjax-full/js/input/tex/mathtools/MathtoolsConfiguration.js'
import 'mathjax-full/js/input/tex/mhchem/MhchemConfiguration.js'
import 'mathjax-full/js/input/tex/textcomp/TextcompConfiguration.js'
import 'mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js'
import 'mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js'

// TeX as MathJax reads it, shared by the math pass (MathML for HTML and EPUB) and the PDF (SVG).
// Left out on purpose: `newcommand` (a \def would outlive its formula: one article's macros in the
// next article a worker builds), `html` (\href, \class, \style: markup the sanitiser never saw),
// `noundefined`/`noerrors` (an unknown command must be a message, not red text), `require`/`autoload`.
export const TEX_PACKAGES = [
  'base',
  'ams',
  'amscd',
  'boldsymbol',
  'braket',
  'cancel',
  'cases',
  'centernot',
  'color',
  'extpfeil',
  'gensymb',
  'mathtools',
  'mhchem',
  'textcomp',
  'textmacros',
  'upgreek'
]

/** Longest formula typeset, in characters; a longer one is shown as its source, with a warning. */
export const MAX_TEX_LENGTH = 5000

/** MathJax's guards against runaway macros: expansions per formula, and the size the source may grow to. */
const TEX_LIMITS = { maxMacros: 1000, maxBuffer: 20 * 1024 }

export interface TexEngine {
  adaptor: LiteAdaptor
  tex: TeX<unknown, unknown, unknown>
  document: MathDocument<unknown, unknown, unknown>
}

/** A MathJax document reading TeX, with `output` to draw it (none for MathML only). */
export function texEngine(output?: OutputJax<unknown, unknown, unknown>): TexEngine {
  const adaptor = liteAdaptor()
  RegisterHTMLHandler(adaptor)
  const tex = new TeX({
    packages: TEX_PACKAGES,
    ...TEX_LIMITS,
    // Errors are thrown, to become a message and the source as code, never MathJax's red text.
    formatError: (_jax: unknown, error: Error) => {
      throw error
    }
  })
  const document = mathjax.document('', { InputJax: tex, ...(output ? { OutputJax: output } : {}) })
  return { adaptor, tex, document }
}

let mathml: TexEngine | undefined

/**
 * The TeX source as MathJax's internal MathML tree; throws MathJax's TeX error (its message says
 * what is wrong). Labels and tags are forgotten before each formula: every formula stands alone.
 */
export function texToMml(source: string, display: boolean): MmlNode {
  mathml ??= texEngine()
  mathml.tex.reset()
  return mathml.document.convert(source, { display, end: STATE.CONVERT }) as MmlNode
}

/**
 * A display formula's equation number: `\tag{…}` (or `\tag*{…}`) at the formula's top level,
 * taken out so every format sets it at the right margin itself; the rest is the formula.
 */
export function splitTag(source: string): { body: string; tag?: string } {
  const match = /\\tag(\*?)\s*\{/.exec(source)
  if (!match) return { body: source }
  let depth = 1
  let end = match.index + match[0].length
  for (; end < source.length && depth > 0; end += 1) {
    const char = source[end]
    if (char === '\\') end += 1
    else if (char === '{') depth += 1
    else if (char === '}') depth -= 1
  }
  if (depth > 0) return { body: source }
  const label = source.slice(match.index + match[0].length, end - 1).trim()
  const body = `${source.slice(0, match.index)}${source.slice(end)}`.trim()
  return { body, tag: match[1] === '*' ? label : `(${label})` }
}
