import type * as fontkit from 'fontkit'

interface TrueTypeGlyph {
  _decode(): unknown
  _font: { _variationProcessor?: unknown }
}

const decoded = new WeakMap<TrueTypeGlyph, unknown>()
const patched = new WeakSet<object>()

/**
 * fontkit decodes a glyph's outline again each time a document's font subset includes it (~12 ms per
 * article); a parsed font's outlines never change, so each glyph is decoded once per process. Variable
 * fonts are left alone: their outlines depend on the variation.
 */
export function keepDecodedOutlines(font: fontkit.Font): void {
  // A glyph made already (by the warm-up in fonts.ts), so no Glyph is created here with other code points.
  const first = font.characterSet[0]
  const glyph = first === undefined ? undefined : (font.glyphForCodePoint(first) as TrueTypeGlyph | null)
  const proto = glyph ? (Object.getPrototypeOf(glyph) as TrueTypeGlyph) : undefined
  if (!proto || patched.has(proto) || typeof proto._decode !== 'function') return
  patched.add(proto)
  const decode = proto._decode
  proto._decode = function (this: TrueTypeGlyph) {
    if (this._font._variationProcessor) return decode.call(this)
    if (!decoded.has(this)) decoded.set(this, decode.call(this))
    return decoded.get(this)
  }
}
