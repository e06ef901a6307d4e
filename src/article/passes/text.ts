import type { VFile } from 'vfile'

/**
 * Decode an article's bytes as text, or say why it is not text. A BOM is dropped and CRLF works as
 * is. Only a file that is mostly not text fails (a picture or an archive named `.md`); in a text file,
 * NUL becomes U+FFFD (as CommonMark says), other control characters but tab and line breaks are
 * removed, bytes that are not UTF-8 become U+FFFD — or, in a file with no UTF-8 sequence at all, are
 * read as Windows-1252 (Latin-1 text) — each with a positioned warning.
 */
export function decodeArticle(bytes: Buffer, file: VFile, maxBytes: number, maxIndent: number): string | undefined {
  const fail = (reason: string, ruleId: string, place?: { line: number; column: number }) => {
    file.message(reason, { place, ruleId, source: 'quire' }).fatal = true
    return undefined
  }
  const warn = (reason: string, ruleId: string, text: string, offset: number) => {
    file.message(reason, { place: placeOf(text, offset), ruleId, source: 'quire' })
  }
  if (bytes.length > maxBytes)
    return fail(
      `Article is ${(bytes.length / 1e6).toFixed(1)} MB, over the limit of ${(maxBytes / 1e6).toFixed(1)} MB`,
      'limit-article-size'
    )
  if (looksBinary(bytes)) return fail('File looks binary (mostly bytes that are not text), expected Markdown text', 'encoding')
  let text = new TextDecoder('utf-8').decode(bytes)
  const bad = text.indexOf('\uFFFD')
  if (bad !== -1 && !isValidUtf8(bytes)) {
    // The lenient decoding marks each bad byte with U+FFFD; with no valid multi-byte sequence the file
    // is in a legacy single-byte encoding, as Latin-1 text saved by an old editor is.
    if (!/[\u0080-\uFFFC\uFFFE-\u{10FFFF}]/u.test(text)) {
      warn('File is not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8', 'encoding', text, bad)
      text = new TextDecoder('windows-1252').decode(bytes)
    } else {
      warn('Bytes that are not UTF-8 replaced by U+FFFD (and any others): save the file as UTF-8', 'encoding', text, bad)
    }
  }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') return fail('Empty article: nothing to publish', 'empty')
  const nul = text.indexOf('\u0000')
  if (nul !== -1) {
    warn('NUL character replaced by U+FFFD (and any others)', 'control-character', text, nul)
    text = text.replace(/\u0000/g, '\uFFFD')
  }
  // C0 and C1 controls but tab and line breaks, and the noncharacters: HTML forbids them in a page.
  const control = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/
  const found = control.exec(text)
  if (found) {
    warn(
      `Control character U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} removed (and any others)`,
      'control-character',
      text,
      found.index
    )
    text = text.replace(new RegExp(control.source, 'g'), '')
  }
  return clampIndentation(text, file, maxIndent)
}

/**
 * A file that is mostly not text: a known binary signature (PNG, JPEG, GIF, PDF, ZIP, gzip), or more
 * than one byte in ten (of the first 8 KB) a control byte that text does not use, NUL among them.
 */
function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192)
  if (SIGNATURES.some((signature) => head.subarray(0, signature.length).equals(signature))) return true
  let control = 0
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1
  return control * 10 > head.length
}

const SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x50, 0x4b, 0x03, 0x04],
  [0x1f, 0x8b]
].map((bytes) => Buffer.from(bytes))

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
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
  if (first)
    file.message(`Indentation deeper than ${maxIndent} columns is flattened (lists nested too deep)`, {
      place: first,
      ruleId: 'limit-nesting',
      source: 'quire'
    })
  return clamped
}

/** Line and column of a character offset in text. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}
