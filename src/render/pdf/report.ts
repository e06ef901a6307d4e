/**
 * What a typesetter would count on the pages of one PDF, recorded by the layout as it draws (never
 * while measuring). Only `scripts/typeset-check.ts` asks for it (through `RenderContext.report`);
 * without one the layout records nothing. The definitions are those of docs/pdf.md, "Measuring the
 * setting".
 */
export interface TypesetReport {
  /** Lines of justified paragraphs that are not a paragraph's last line nor end at a forced break. */
  justifiedLines: number
  /** Of those, lines set across the page's whole text column (body paragraphs), and their characters: the measure. */
  fullLines: number
  fullLineCharacters: number
  /** Of those, lines drawn ragged (not justified) and short of the measure by more than an em. */
  raggedLines: string[]
  /** Paragraphs of two lines or more the theme sets justified, as drawn. */
  justifiedParagraphs: number
  /** Of those, paragraphs set ragged right because a line would gape (their start): their lines are not justified lines. */
  raggedParagraphs: string[]
  /** Justified lines whose word gaps are more than twice a normal space. */
  looseLines: string[]
  /** Justified lines in which a space inside inline code was stretched. */
  stretchedCode: string[]
  /** Words broken at a hyphenation point though they are identifiers, capitals, or hold digits. */
  hyphenatedIdentifiers: string[]
  /** Code blocks split across pages leaving two lines or fewer on a page. */
  codeFragments: string[]
  /** Pages, but the last, more than a quarter empty below their last line. */
  emptyPages: string[]
  /** Pages in all. */
  pages: number
  /** The start of a word broken at the end of the last line drawn, waiting for its end. */
  broken?: string
}

export function newReport(): TypesetReport {
  return {
    justifiedLines: 0,
    fullLines: 0,
    fullLineCharacters: 0,
    raggedLines: [],
    justifiedParagraphs: 0,
    raggedParagraphs: [],
    looseLines: [],
    stretchedCode: [],
    hyphenatedIdentifiers: [],
    codeFragments: [],
    emptyPages: [],
    pages: 0
  }
}

/**
 * A word no one should hyphenate: an identifier (camelCase, snake_case, with digits), a word in
 * capitals or with a capital inside (TypeScript, MongoDB).
 */
export function isIdentifier(word: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(word) || /[_\d]/u.test(word) || /^\p{Lu}{2,}/u.test(word)
}
