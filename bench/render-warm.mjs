// Warm, in-process cost of each step for one article at a time: parse, then HTML, PDF and EPUB from
// that one parse, each repeated after a warm-up so fonts, templates and code are loaded and compiled.
// Prints the median per step in milliseconds over a sample of the corpus. Uses the built library
// (`npm run build`, or the frozen copy run.mjs measures, with --library); run by run.mjs, usable alone:
//   node bench/render-warm.mjs [--sample N] [--rounds N] [--library dist/index.js] FILE…   (or --list FILE)

import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

function arg(argv, name, fallback) {
  const at = argv.indexOf(name)
  return at === -1 ? fallback : Number(argv[at + 1])
}

const argv = process.argv.slice(2)
const listAt = argv.indexOf('--list')
const files = listAt === -1 ? argv.filter((item, index) => !item.startsWith('--') && !argv[index - 1]?.startsWith('--')) : fs.readFileSync(argv[listAt + 1], 'utf8').split('\n').filter(Boolean)
const sample = arg(argv, '--sample', 40)
const rounds = arg(argv, '--rounds', 5)
const libraryAt = argv.indexOf('--library')
const library = libraryAt === -1 ? new URL('../dist/index.js', import.meta.url).href : pathToFileURL(path.resolve(argv[libraryAt + 1])).href
const { parseArticle, renderEpub, renderHtml, renderPdf, resolveOptions } = await import(library)
const step = Math.max(1, Math.floor(files.length / sample))
const chosen = files.filter((_, index) => index % step === 0).slice(0, sample)

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const times = { parse: [], html: [], pdf: [], epub: [] }
let bytes = 0
for (const file of chosen) {
  const options = resolveOptions({ cwd: path.dirname(path.resolve(file)) })
  const name = path.basename(file)
  bytes += fs.statSync(file).size
  const best = { parse: Infinity, html: Infinity, pdf: Infinity, epub: Infinity }
  for (let round = 0; round <= rounds; round += 1) {
    let start = performance.now()
    const article = await parseArticle(name, options)
    const parse = performance.now() - start
    start = performance.now()
    renderHtml(article, options)
    const html = performance.now() - start
    start = performance.now()
    await renderPdf(article, options)
    const pdf = performance.now() - start
    start = performance.now()
    await renderEpub(article, options)
    const epub = performance.now() - start
    // Round 0 warms up; the best of the rest is the warm cost, least disturbed by the machine.
    if (round === 0) continue
    best.parse = Math.min(best.parse, parse)
    best.html = Math.min(best.html, html)
    best.pdf = Math.min(best.pdf, pdf)
    best.epub = Math.min(best.epub, epub)
  }
  for (const key of Object.keys(times)) times[key].push(best[key])
}
const result = { articles: chosen.length, meanBytes: Math.round(bytes / Math.max(1, chosen.length)) }
for (const key of Object.keys(times)) result[`${key}Ms`] = Number(median(times[key]).toFixed(1))
process.stdout.write(JSON.stringify(result) + '\n')
