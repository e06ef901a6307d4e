// Warm, in-process cost of each step for one article at a time: parse, then HTML, PDF and EPUB from
// that one parse. "Warm" is a process that has built other articles first (fonts, templates and code
// loaded and compiled, caches holding what those articles had), as in a real build: each measured
// article is then built for the first time, and that first time is the figure. The same article
// built again (best of --rounds) is printed too, as `repeat`: it is faster, because what is kept per
// text (glyph runs, line breaks, hyphenation) is then all there, which no real build gets.
// Prints the median per step in milliseconds over a sample. Uses the built library (`npm run build`,
// or the frozen copy run.mjs measures, with --library); run by run.mjs, usable alone:
//   node bench/render-warm.mjs [--sample N] [--rounds N] [--warm-up N] [--warm-up-list FILE]
//     [--library dist/index.js] FILE…   (or --list FILE)
// The warm-up articles are --warm-up N files of --warm-up-list, or else the files of the list that
// are not in the sample.

import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

function arg(argv, name, fallback) {
  const at = argv.indexOf(name)
  return at === -1 ? fallback : Number(argv[at + 1])
}
const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)

const argv = process.argv.slice(2)
const listAt = argv.indexOf('--list')
const files =
  listAt === -1 ? argv.filter((item, index) => !item.startsWith('--') && !argv[index - 1]?.startsWith('--')) : lines(argv[listAt + 1])
const sample = arg(argv, '--sample', 40)
const rounds = arg(argv, '--rounds', 3)
const warmUp = arg(argv, '--warm-up', 20)
const warmListAt = argv.indexOf('--warm-up-list')
const libraryAt = argv.indexOf('--library')
const library = libraryAt === -1 ? new URL('../dist/index.js', import.meta.url).href : pathToFileURL(path.resolve(argv[libraryAt + 1])).href
const { parseArticle, renderEpub, renderHtml, renderPdf, resolveOptions, tuneV8 } = await import(library)
// As the CLI does before it builds (libraries older than tuneV8 have none).
tuneV8?.()
const step = Math.max(1, Math.floor(files.length / sample))
const chosen = files.filter((_, index) => index % step === 0).slice(0, sample)
const measured = new Set(chosen)
const others = (warmListAt === -1 ? files : lines(argv[warmListAt + 1])).filter((file) => !measured.has(file))
const warming = others.filter((_, index) => index % Math.max(1, Math.floor(others.length / warmUp)) === 0).slice(0, warmUp)

/** Parse once, then each format from that parse: the milliseconds of each step. */
async function build(file) {
  const options = resolveOptions({ cwd: path.dirname(path.resolve(file)) })
  const name = path.basename(file)
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
  return { parse, html, pdf, epub }
}

let warmed = 0
for (const file of warming) {
  try {
    await build(file)
    warmed += 1
  } catch {
    // A file that does not build (a README naming a missing image) only warms less.
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const keys = ['parse', 'html', 'pdf', 'epub']
const first = Object.fromEntries(keys.map((key) => [key, []]))
const repeat = Object.fromEntries(keys.map((key) => [key, []]))
let bytes = 0
for (const file of chosen) {
  bytes += fs.statSync(file).size
  const once = await build(file)
  for (const key of keys) first[key].push(once[key])
  const best = { parse: Infinity, html: Infinity, pdf: Infinity, epub: Infinity }
  for (let round = 0; round < rounds; round += 1) {
    const again = await build(file)
    for (const key of keys) best[key] = Math.min(best[key], again[key])
  }
  for (const key of keys) repeat[key].push(best[key])
}
const result = { articles: chosen.length, meanBytes: Math.round(bytes / Math.max(1, chosen.length)), warmUp: warmed }
for (const key of keys) result[`${key}Ms`] = Number(median(first[key]).toFixed(1))
result.repeat = Object.fromEntries(keys.map((key) => [`${key}Ms`, Number(median(repeat[key]).toFixed(1))]))
process.stdout.write(JSON.stringify(result) + '\n')
