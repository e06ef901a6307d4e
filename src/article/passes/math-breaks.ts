// After these a long inline formula may break, as TeX breaks after relations and binary operators:
// the PDF breaks its lines there, the HTML page and the EPUB let the formula wrap there. Apart from
// tex.ts, which loads MathJax: the HTML renderer reads these for every article.
const RELATIONS = new Set([
  ...'=<>\u2264\u2265\u2260\u2248\u2261\u223C\u2243\u2245\u221D\u2192\u2190\u2194\u21D2\u21D0\u21D4\u2282\u2283\u2286\u2287\u2208\u220B\u226A\u226B\u227A\u227B\u2AAF\u2AB0\u2A7D\u2A7E'
])
const OPERATORS = new Set([...'+\u2212\u00B1\u2213\u00D7\u00B7\u22C5\u00F7\u222A\u2229\u2295\u2297'])
// After these an operator is still binary: `(a+b) - c`.
const CLOSINGS = new Set([...')]}|\u2016\u27E9\u230B\u2309'])

/**
 * Whether a line may break after a formula's top-level operator `char` (an `mo` of one character),
 * and at what cost (a relation or a binary operator). As in TeX, an operator right after another
 * operator, a relation or an opening (`= -b`, `(-1`: `previous`, the operator before it, if the node
 * before it is one) is a sign, not a binary operator: no break after it.
 */
export function breakKind(char: string | undefined, previous: string | undefined): 'relation' | 'operator' | undefined {
  if (char === undefined) return undefined
  if (RELATIONS.has(char)) return 'relation'
  if (!OPERATORS.has(char)) return undefined
  return previous === undefined || CLOSINGS.has(previous) ? 'operator' : undefined
}
