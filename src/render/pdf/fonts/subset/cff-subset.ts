import type { CffOutlines, Range } from '../fontkit/internals.js'

// fontkit subsets a CFF font (Noto CJK) by keeping every subroutine slot: the used ones whole, the
// others as a one-byte `return`. Noto Sans CJK has 3,000 global and 54,000 local subroutines, so
// each subset font carried ~95 KB of index for a dozen glyphs. Here the used glyphs' charstrings
// are flattened instead (each subroutine call replaced by the subroutine's body) and the subset has
// no subroutines at all: a few KB per font (fonts/fontkit/flatten-cff-subsets.ts has fontkit's
// subsets use it; anything unexpected falls back to fontkit's own subset).

/** Subroutine numbers are stored minus a bias that depends on how many there are (Type 2 charstrings, 4.7). */
function bias(subrs: Range[]): number {
  return subrs.length < 1240 ? 107 : subrs.length < 33900 ? 1131 : 32768
}

const CALLSUBR = 10
const RETURN = 11
const ESCAPE = 12
const ENDCHAR = 14
const HINTMASK = 19
const CNTRMASK = 20
const CALLGSUBR = 29
const STEMS = new Set([1, 3, 18, 23])

/** The charstring of `gid` with every subroutine call replaced by the subroutine's body; throws on anything unexpected. */
export function flatten(cff: CffOutlines, gid: number): Uint8Array {
  const data = cff.bytes
  const global = cff.globalSubrs()
  const local = cff.localSubrs(gid)
  const out: number[] = []
  // Operands not yet consumed by an operator: their bytes, and their value (for a call's subroutine number).
  let pending: { start: number; end: number; value: number }[] = []
  let stems = 0
  let depth = 0
  const emitPending = () => {
    for (const operand of pending) for (let at = operand.start; at < operand.end; at += 1) out.push(data[at] as number)
    pending = []
  }
  const run = (range: Range): boolean => {
    if ((depth += 1) > 10) throw new Error('subroutines nested too deep')
    let at = range.offset
    const end = range.offset + range.length
    while (at < end) {
      const b0 = data[at] as number
      if (b0 >= 32 || b0 === 28) {
        const start = at
        let value: number
        if (b0 === 28) {
          value = (((data[at + 1] as number) << 24) >> 16) | (data[at + 2] as number)
          at += 3
        } else if (b0 <= 246) {
          value = b0 - 139
          at += 1
        } else if (b0 <= 250) {
          value = (b0 - 247) * 256 + (data[at + 1] as number) + 108
          at += 2
        } else if (b0 <= 254) {
          value = -(b0 - 251) * 256 - (data[at + 1] as number) - 108
          at += 2
        } else {
          value = Number.NaN // 16.16 fixed: never a subroutine number
          at += 5
        }
        pending.push({ start, end: at, value })
        continue
      }
      at += 1
      if (b0 === CALLSUBR || b0 === CALLGSUBR) {
        const subrs = b0 === CALLSUBR ? local : global
        const number = pending.pop()?.value ?? Number.NaN
        const subr = subrs[number + bias(subrs)]
        if (!subr) throw new Error('bad subroutine number')
        if (run(subr)) return true
        continue
      }
      if (b0 === RETURN) break
      if (b0 === ESCAPE) {
        // Arithmetic and flex operators: kept as they are, with their operands.
        emitPending()
        out.push(b0, data[at] as number)
        at += 1
        continue
      }
      if (STEMS.has(b0) || b0 === HINTMASK || b0 === CNTRMASK) stems += pending.length >> 1
      emitPending()
      out.push(b0)
      if (b0 === HINTMASK || b0 === CNTRMASK) {
        const bytes = (stems + 7) >> 3
        for (let index = 0; index < bytes; index += 1) out.push(data[at + index] as number)
        at += bytes
      }
      if (b0 === ENDCHAR) return true
    }
    depth -= 1
    return false
  }
  const charstring = cff.charString(gid)
  if (!charstring) throw new Error('no charstring')
  run(charstring)
  emitPending()
  return Uint8Array.from(out)
}
