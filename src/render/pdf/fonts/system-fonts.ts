import { execFileSync } from 'node:child_process'

// Fonts installed on the machine, found through fontconfig, for characters the theme's fonts lack
// (Chinese, Japanese, Korean, and every other script DejaVu does not cover).

/** One face fontconfig offers, and the characters it covers as sorted inclusive ranges. */
export interface SystemFace {
  file: string
  postscriptName: string
  ranges: Uint32Array
}

// fontkit reads TrueType, OpenType and collections of either; WOFF2 crashed its subsetter (measured when fonts were chosen),
// and bitmap or Type 1 fonts cannot be embedded as Quire embeds fonts.
const READABLE = /\.(ttf|otf|ttc|otc|woff)$/i

// One question to fontconfig per pattern and process: the answer only changes when fonts are installed.
const chains = new Map<string, SystemFace[]>()

/**
 * The faces fontconfig falls back through for `pattern` (`serif:weight=bold:lang=ja`), best first and
 * trimmed to those that add characters (`fc-match -s`). Empty when fontconfig is not installed.
 */
export function fallbackChain(pattern: string): SystemFace[] {
  let chain = chains.get(pattern)
  if (!chain) {
    chain = ask(pattern)
    chains.set(pattern, chain)
  }
  return chain
}

function ask(pattern: string): SystemFace[] {
  let answer: string
  try {
    answer = execFileSync('fc-match', ['-s', pattern, '--format', '%{file}\\t%{postscriptname}\\t%{color}\\t%{charset}\\n'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 << 20
    })
  } catch {
    return []
  }
  const faces: SystemFace[] = []
  for (const line of answer.split('\n')) {
    const [file = '', postscriptName = '', color = '', charset = ''] = line.split('\t')
    // Colour fonts (emoji) draw bitmaps or layers pdfkit cannot embed.
    if (!READABLE.test(file) || postscriptName === '' || color === 'True') continue
    faces.push({ file, postscriptName, ranges: rangesOf(charset) })
  }
  return faces
}

/** fontconfig's charset text (`20-7e a0-17f 2c7`) as [from, to, from, to, …]. */
function rangesOf(charset: string): Uint32Array {
  const bounds: number[] = []
  for (const range of charset.trim().split(/\s+/)) {
    if (range === '') continue
    const [from = '', to = from] = range.split('-')
    bounds.push(Number.parseInt(from, 16), Number.parseInt(to, 16))
  }
  return Uint32Array.from(bounds)
}

export function covers(face: SystemFace, codePoint: number): boolean {
  const { ranges } = face
  let low = 0
  let high = ranges.length / 2 - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (codePoint < (ranges[middle * 2] as number)) high = middle - 1
    else if (codePoint > (ranges[middle * 2 + 1] as number)) low = middle + 1
    else return true
  }
  return false
}

/**
 * fontconfig's language for a BCP 47 tag. Han characters are drawn differently in Japan, China, Taiwan
 * and Korea; a bare `zh` would get a Japanese face, so it means Simplified Chinese as in mainland China.
 */
export function fontconfigLang(lang: string): string {
  const tag = lang.toLowerCase()
  const [primary = 'und', ...rest] = tag.split('-')
  if (primary !== 'zh') return /^[a-z]{2,3}$/.test(primary) ? primary : 'und'
  if (rest.includes('hant') || rest.includes('tw')) return 'zh-tw'
  if (rest.includes('hk') || rest.includes('mo')) return 'zh-hk'
  return 'zh-cn'
}
