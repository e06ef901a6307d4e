// Builds a reproducible corpus of Markdown articles from the blocks of the project's own articles
// and test fixtures. Same sources + same seed + same count = byte-identical corpus (its hash is
// recorded with the results, so two runs can be compared only when they measured the same input).

import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { randomTools } from './prng.mjs'

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.svg', '.gif'])
/** Images larger than this are left out: the corpus should stress Markdown, not image decoding. */
const MAX_IMAGE_BYTES = 64 * 1024
/** Target size of one article; each article draws its own target within ±10 %. */
const ARTICLE_BYTES = 5000
/** How often each kind of block follows a heading. */
const BLOCK_WEIGHTS = { paragraph: 45, list: 12, code: 12, table: 8, image: 8, blockquote: 5 }

/** Every Markdown source the corpus borrows from, in a stable order. */
export function findSources(repo) {
  const sources = []
  const content = path.join(repo, 'content')
  if (fs.existsSync(content)) {
    for (const name of fs.readdirSync(content).sort()) if (name.endsWith('.md')) sources.push(path.join(content, name))
  }
  const fixtures = path.join(repo, 'test', 'fixtures')
  if (fs.existsSync(fixtures)) {
    for (const name of fs.readdirSync(fixtures).sort()) {
      const file = path.join(fixtures, name, 'index.md')
      if (fs.existsSync(file)) sources.push(file)
    }
  }
  return sources
}

/** Splits a file into its YAML front matter (parsed, or {}) and its body. */
function splitFrontMatter(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text)
  if (!match) return { meta: {}, body: text }
  let meta = {}
  try {
    meta = parseYaml(match[1]) ?? {}
  } catch {
    // A fixture may hold broken YAML on purpose; its body is still usable.
  }
  return { meta, body: text.slice(match[0].length) }
}

/**
 * Cuts a Markdown body into top-level chunks: fenced code stays whole, otherwise a blank line ends
 * a chunk. An indented chunk continues a list or footnote definition (loose items, second
 * paragraphs), so those are kept together rather than becoming stray indented code.
 */
function chunks(body) {
  const lines = body.split(/\r?\n/)
  const out = []
  let current = []
  let fence = null
  const flush = () => {
    if (current.length) out.push(current.join('\n'))
    current = []
  }
  for (const line of lines) {
    if (fence) {
      current.push(line)
      if (line.trimStart().startsWith(fence)) {
        fence = null
        flush()
      }
      continue
    }
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line)
    if (opening && current.length === 0) {
      fence = opening[1]
      current.push(line)
      continue
    }
    if (line.trim() === '') flush()
    else current.push(line)
  }
  flush()
  return joinContinuations(out)
}

function joinContinuations(list) {
  const joined = []
  for (const chunk of list) {
    const previous = joined[joined.length - 1]
    const continues = /^\s+\S/.test(chunk) && previous !== undefined && (isList(previous) || /^\[\^[^\]]+\]:/.test(previous))
    if (continues) joined[joined.length - 1] = `${previous}\n\n${chunk}`
    else joined.push(chunk)
  }
  return joined
}

const isList = (chunk) => /^\s{0,3}([-*+]|\d+[.)])\s/.test(chunk)

/** Names the kind of a chunk, or null for chunks the corpus leaves out (raw HTML, definitions, rules). */
function classify(chunk) {
  const first = chunk.split('\n')[0]
  if (/^#{1,6}\s/.test(first)) return 'heading'
  if (/^\s{0,3}(`{3,}|~{3,})/.test(first) || /^ {4}\S/.test(first)) return 'code'
  if (first.startsWith('|') && /^\|?\s*:?-+/.test(chunk.split('\n')[1] ?? '')) return 'table'
  if (first.startsWith('>')) return 'blockquote'
  if (isList(chunk)) return 'list'
  if (/^\[?!\[[^\]]*\]\([^)]*\)\]?(\([^)]*\))?\s*$/.test(chunk)) return 'image'
  // Raw HTML (some of it hostile on purpose), footnote and link definitions, thematic breaks.
  if (first.startsWith('<') || /^\[[^\]]+\]:/.test(first) || /^(\*{3,}|-{3,}|_{3,})\s*$/.test(first)) return null
  return 'paragraph'
}

/**
 * Makes a chunk stand on its own in another article: footnote calls and references lose their
 * definitions, and `#fragment` links lose their headings, so both are reduced to plain text
 * (Quire would rightly warn about them). Local images are pointed at the corpus's images/ folder;
 * a block whose image cannot be copied is dropped (returns null).
 */
function standalone(chunk, kind, sourceDir, images) {
  let text = chunk
    .replace(/\[\^[^\]\s]+\](?!:)/g, '')
    .replace(/(?<!!)\[([^\]]+)\]\(#[^)]*\)/g, '$1')
    .replace(/(?<!!)\[([^\]]+)\]\[[^\]]*\]/g, '$1')
  let missing = false
  text = text.replace(/!\[([^\]]*)\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g, (whole, alt, src, title) => {
    if (/^[a-z]+:/i.test(src)) {
      missing = true
      return alt
    }
    const copied = images.get(path.resolve(sourceDir, src))
    if (!copied) {
      missing = true
      return alt
    }
    return `![${alt}](images/${copied}${title})`
  })
  if (kind === 'image' && missing) return null
  return text
}

/** Reads every source into pools of blocks by kind, plus the authors and languages they use. */
export function collectBlocks(sources, images) {
  const pools = { heading: [], paragraph: [], list: [], code: [], table: [], image: [], blockquote: [] }
  const authors = new Set()
  const langs = new Set()
  for (const file of sources) {
    const { meta, body } = splitFrontMatter(fs.readFileSync(file, 'utf8'))
    for (const author of [meta.author ?? []].flat()) if (typeof author === 'string') authors.add(author)
    if (typeof meta.lang === 'string') langs.add(meta.lang)
    for (const chunk of chunks(body)) {
      const kind = classify(chunk)
      if (!kind) continue
      if (kind === 'heading') {
        pools.heading.push(
          chunk
            .replace(/^#+\s+/, '')
            .replace(/[*_`]/g, '')
            .trim()
        )
        continue
      }
      const text = standalone(chunk, kind, path.dirname(file), images)
      // Very short paragraphs are mostly captions such as "An empty block:": they read oddly alone.
      if (text && (kind !== 'paragraph' || text.length >= 60)) pools[kind].push(text)
    }
  }
  return { pools, authors: [...authors].sort(), langs: [...langs].sort() }
}

/** Copies the small images found beside the sources into `dir`; maps each source path to its new name. */
export function copyImages(sources, dir) {
  const images = new Map()
  const used = new Set()
  const folders = [...new Set(sources.map((file) => path.dirname(file)))]
  for (const folder of folders) {
    for (const file of listImages(folder)) {
      const size = fs.statSync(file).size
      if (size > MAX_IMAGE_BYTES) continue
      let name = path.basename(file)
      if (used.has(name)) name = `${path.basename(path.dirname(file))}-${name}`
      used.add(name)
      fs.mkdirSync(dir, { recursive: true })
      fs.copyFileSync(file, path.join(dir, name))
      images.set(path.resolve(file), name)
    }
  }
  return images
}

/** Images in a folder and its sub-folders (content/field-guide/…), in a stable order. */
function listImages(folder) {
  const found = []
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name)
    // Only the content folder has image sub-folders; fixture folders are siblings handled on their own.
    if (entry.isDirectory() && !folder.includes(`${path.sep}fixtures`)) found.push(...listImages(full))
    else if (entry.isFile() && IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full)
  }
  return found
}

/** A date between 2015 and 2025 drawn from the generator, never from the clock. */
function drawDate(rand) {
  const day = Date.UTC(2015, 0, 1) + rand.int(0, 3999) * 86_400_000
  return new Date(day).toISOString().slice(0, 10)
}

function frontMatter(rand, corpus, index) {
  const { pools, authors, langs } = corpus
  const title =
    rand.next() < 0.5 ? `${rand.pick(pools.heading)}: ${rand.pick(pools.heading)}` : `${rand.pick(pools.heading)} (${index + 1})`
  // Most blocks are English, so most articles say so; a few use the other languages the sources use.
  const lang = rand.next() < 0.9 || langs.length === 0 ? rand.pick(['en', 'en-GB']) : rand.pick(langs)
  const author = authors.length ? rand.pick(authors) : 'Bench Writer'
  return [
    '---',
    `title: ${JSON.stringify(title)}`,
    `author: ${JSON.stringify(author)}`,
    `date: ${drawDate(rand)}`,
    `lang: ${lang}`,
    '---'
  ].join('\n')
}

/** One article: front matter, an opening paragraph, then sections of a heading and 1–3 blocks. */
function composeArticle(rand, corpus, index) {
  const { pools } = corpus
  const weights = Object.fromEntries(Object.entries(BLOCK_WEIGHTS).map(([kind, weight]) => [kind, pools[kind].length ? weight : 0]))
  const target = rand.int(Math.round(ARTICLE_BYTES * 0.9), Math.round(ARTICLE_BYTES * 1.1))
  const parts = [frontMatter(rand, corpus, index)]
  if (pools.paragraph.length) parts.push(rand.pick(pools.paragraph))
  let size = parts.join('\n\n').length
  let depth = 3 // so the first section opens with a level two
  while (size < target) {
    // A level-three heading only under a level two, so no level is ever skipped.
    depth = depth === 2 && rand.next() < 0.3 ? 3 : 2
    const blocks = [`${'#'.repeat(depth)} ${rand.pick(pools.heading)}`]
    for (let n = rand.int(1, 3); n > 0; n--) blocks.push(rand.pick(pools[rand.weighted(weights)]))
    const grown = size + blocks.join('\n\n').length + 2
    // A section that would overshoot by a lot is left out once the article is near its target,
    // so articles average the target instead of target + half a section.
    if (grown > target * 1.1 && size > target * 0.85) break
    parts.push(...blocks)
    size = grown
  }
  return parts.join('\n\n') + '\n'
}

/**
 * Writes `count` articles into `dir` (emptied first) and returns { dir, files, hash, bytes }.
 * The hash covers every file written, images included.
 */
export function generateCorpus({ repo, dir, count, seed }) {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const sources = findSources(repo)
  if (sources.length === 0) throw new Error(`no Markdown sources under ${repo}/content or ${repo}/test/fixtures`)
  const images = copyImages(sources, path.join(dir, 'images'))
  const corpus = collectBlocks(sources, images)
  if (corpus.pools.heading.length === 0 || corpus.pools.paragraph.length === 0)
    throw new Error('the sources have no headings or paragraphs to build articles from')
  const rand = randomTools(seed)
  const hash = createHash('sha256')
  for (const name of [...images.values()].sort()) hash.update(name).update(fs.readFileSync(path.join(dir, 'images', name)))
  const digits = String(count).length
  const files = []
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const name = `article-${String(i + 1).padStart(digits, '0')}.md`
    const text = composeArticle(rand, corpus, i)
    fs.writeFileSync(path.join(dir, name), text)
    hash.update(name).update(text)
    bytes += Buffer.byteLength(text)
    files.push(path.join(dir, name))
  }
  return { dir, files, hash: hash.digest('hex').slice(0, 16), bytes, sources: sources.length, images: images.size }
}

/** The Markdown files of an existing folder, found the way Quire finds them (hidden and node_modules skipped). */
export function listMarkdown(dir) {
  const found = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) found.push(...listMarkdown(full))
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full)
  }
  return found
}

/** Describes an existing folder the same way generateCorpus describes a generated one. */
export function describeCorpus(dir) {
  const files = listMarkdown(dir)
  const hash = createHash('sha256')
  let bytes = 0
  for (const file of files) {
    const text = fs.readFileSync(file)
    hash.update(path.relative(dir, file)).update(text)
    bytes += text.length
  }
  return { dir, files, hash: hash.digest('hex').slice(0, 16), bytes }
}

/**
 * A sample of `count` Markdown files of the real-world corpus (`npm run corpus`), evenly spaced over its
 * sorted paths, as a folder of hard links in `dir` at the same relative paths, with every other file
 * (images) of their packages (`npm/<name>@<version>/`, or `commonmark/`), so the images they show
 * resolve as in the full corpus. Same corpus and count, same sample; a count of the total or more
 * takes every file.
 */
export function sampleRealCorpus({ source, dir, count }) {
  const all = listMarkdown(source).map((file) => path.relative(source, file))
  const chosen = count >= all.length ? all : Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)])
  fs.rmSync(dir, { recursive: true, force: true })
  const packages = new Set()
  for (const file of chosen) {
    link(path.join(source, file), path.join(dir, file))
    const parts = file.split(path.sep)
    packages.add(parts[0] === 'npm' ? path.join(parts[0], parts[1]) : parts[0])
  }
  for (const unit of packages) linkOthers(path.join(source, unit), path.join(dir, unit))
  return describeCorpus(dir)
}

/** Hard-links a file (copies it where a link fails). */
function link(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.linkSync(from, to)
  } catch {
    fs.copyFileSync(from, to)
  }
}

/** Links every file of the folder that is not Markdown: the images and data the articles point to. */
function linkOthers(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    if (entry.isDirectory()) linkOthers(source, path.join(to, entry.name))
    else if (entry.isFile() && !/\.(md|markdown)$/i.test(entry.name)) link(source, path.join(to, entry.name))
  }
}
