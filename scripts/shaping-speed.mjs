// Time per word of fontkit's shaping and HarfBuzz's (harfbuzzjs), in the same font, warm (best of
// three passes): node scripts/shaping-speed.mjs FONT.ttf TEXT-FILE
// For decision 18 (docs/decisions/0018-harfbuzz-shaping.md); never a test, timings vary by machine.
import { readFileSync } from 'node:fs'
import * as fontkit from 'fontkit'
import * as hb from 'harfbuzzjs'

const [file, textFile] = process.argv.slice(2)
if (!file || !textFile) {
  console.error('usage: node scripts/shaping-speed.mjs FONT.ttf TEXT-FILE')
  process.exit(2)
}
const words = readFileSync(textFile, 'utf8').split(/\s+/).filter(Boolean)
const data = readFileSync(file)
const font = fontkit.create(data)
const hbFont = new hb.Font(new hb.Face(new hb.Blob(data), 0))
const buffer = new hb.Buffer()

function harfBuzz(word) {
  buffer.clearContents()
  buffer.addText(word)
  buffer.guessSegmentProperties()
  hb.shape(hbFont, buffer)
  return buffer.getGlyphInfos().length + buffer.getGlyphPositions().length
}

const best = { fontkit: Infinity, harfBuzz: Infinity }
for (let pass = 0; pass < 3; pass += 1) {
  let start = performance.now()
  for (const word of words) font.layout(word)
  best.fontkit = Math.min(best.fontkit, performance.now() - start)
  start = performance.now()
  for (const word of words) harfBuzz(word)
  best.harfBuzz = Math.min(best.harfBuzz, performance.now() - start)
}
const perWord = (ms) => `${((ms * 1000) / words.length).toFixed(1)} µs`
console.log(`${words.length} words: fontkit ${perWord(best.fontkit)} a word, HarfBuzz ${perWord(best.harfBuzz)} a word`)
