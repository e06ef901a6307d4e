import type { VFile } from 'vfile'

/**
 * Decode an article's bytes as UTF-8 text, or say why it is not text. A BOM is dropped and CRLF
 * works as is; control characters other than tab and line breaks are removed, with a warning.
 */
export function decodeArticle(bytes: Buffer, file: VFile, maxBytes: number, maxIndent: number): string | undefined {
  const fail = (reason: string, ruleId: string, place?: { line: number; column: number }) => {
    file.message(reason, { place, ruleId, source: 'quire' }).fatal = true
    return undefined
  }
  if (bytes.length > maxBytes) return fail(`Article is ${(bytes.length / 1e6).toFixed(1)} MB, over the limit of ${(maxBytes / 1e6).toFixed(1)} MB`, 'limit-article-size')
  let text = new TextDecoder('utf-8').decode(bytes)
  if (bytes.includes(0)) return fail('File looks binary (it holds NUL bytes), expected Markdown text', 'encoding', placeOf(text, text.indexOf('\u0000')))
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The lenient decoding marks the first bad byte with U+FFFD.
    return fail('File is not valid UTF-8 text: save it as UTF-8', 'encoding', placeOf(text, Math.max(0, text.indexOf('\uFFFD'))))
  }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') return fail('Empty article: nothing to publish', 'empty')
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
  const found = control.exec(text)
  if (found) {
    file.message(`Control character U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} removed (and any others)`, { place: placeOf(text, found.index), ruleId: 'control-character', source: 'quire' })
    text = text.replace(new RegExp(control.source, 'g'), '')
  }
  return clampIndentation(text, file, maxIndent)
}

/**
 * The Markdown parser slows down steeply with nesting (1,000 nested list levels take minutes), so
 * indentation past `maxIndent` columns is cut back before parsing: deeper levels are flattened.
 */
function clampIndentation(text: string, file: VFile, maxIndent: number): string {
  let first: { line: number; column: number } | undefined
  let line = 0
  const clamped = text.replace(/^([ \t]*)/gm, (indent: string) => {
    line++
    const width = indent.replace(/\t/g, '    ').length
    if (width <= maxIndent) return indent
    first ??= { line, column: maxIndent + 1 }
    return ' '.repeat(maxIndent)
  })
  if (first) file.message(`Indentation deeper than ${maxIndent} columns is flattened (lists nested too deep)`, { place: first, ruleId: 'limit-nesting', source: 'quire' })
  return clamped
}

/** Line and column of a character offset in text. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}
