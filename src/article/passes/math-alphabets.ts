// MathML Core, the MathML that Chromium draws, honours `mathvariant` only as `normal`: a bold, script,
// fraktur or double-struck letter is to be written as its character in Unicode's Mathematical
// Alphanumeric Symbols (U+1D400–U+1D7FF) instead. MathJax writes `\mathbf{E}` as
// <mi mathvariant="bold">E</mi>, which Chromium draws as an italic E: the letters are mapped here.

/** Where each variant's A, a and 0 are, for the Latin letters and digits (digits only where Unicode has them). */
const STARTS: Record<string, { upper: number; lower: number; digit?: number }> = {
  bold: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce },
  italic: { upper: 0x1d434, lower: 0x1d44e },
  'bold-italic': { upper: 0x1d468, lower: 0x1d482 },
  script: { upper: 0x1d49c, lower: 0x1d4b6 },
  'bold-script': { upper: 0x1d4d0, lower: 0x1d4ea },
  fraktur: { upper: 0x1d504, lower: 0x1d51e },
  'double-struck': { upper: 0x1d538, lower: 0x1d552, digit: 0x1d7d8 },
  'bold-fraktur': { upper: 0x1d56c, lower: 0x1d586 },
  'sans-serif': { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2 },
  'bold-sans-serif': { upper: 0x1d5d4, lower: 0x1d5ee, digit: 0x1d7ec },
  'sans-serif-italic': { upper: 0x1d608, lower: 0x1d622 },
  'sans-serif-bold-italic': { upper: 0x1d63c, lower: 0x1d656 },
  monospace: { upper: 0x1d670, lower: 0x1d68a, digit: 0x1d7f6 }
}

/** Letters Unicode had already encoded in Letterlike Symbols: their places in the block are empty. */
const HOLES: Record<string, Record<string, number>> = {
  italic: { h: 0x210e },
  script: { B: 0x212c, E: 0x2130, F: 0x2131, H: 0x210b, I: 0x2110, L: 0x2112, M: 0x2133, R: 0x211b, e: 0x212f, g: 0x210a, o: 0x2134 },
  fraktur: { C: 0x212d, H: 0x210c, I: 0x2111, R: 0x211c, Z: 0x2128 },
  'double-struck': { C: 0x2102, H: 0x210d, N: 0x2115, P: 0x2119, Q: 0x211a, R: 0x211d, Z: 0x2124 }
}

/**
 * `text` in the mathematical alphabet of `variant`, or undefined when the variant has no alphabet here
 * or a character has no place in it (Greek, punctuation): the element then keeps its `mathvariant`.
 */
export function inMathAlphabet(text: string, variant: string): string | undefined {
  const starts = STARTS[variant]
  if (!starts || text.length === 0) return undefined
  let mapped = ''
  for (const char of text) {
    const code = char.charCodeAt(0)
    const hole = HOLES[variant]?.[char]
    if (hole !== undefined) mapped += String.fromCodePoint(hole)
    else if (code >= 65 && code <= 90) mapped += String.fromCodePoint(starts.upper + code - 65)
    else if (code >= 97 && code <= 122) mapped += String.fromCodePoint(starts.lower + code - 97)
    else if (code >= 48 && code <= 57 && starts.digit !== undefined) mapped += String.fromCodePoint(starts.digit + code - 48)
    else return undefined
  }
  return mapped
}
