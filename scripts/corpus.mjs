#!/usr/bin/env node
// npm run corpus — builds corpus/articles/, a reproducible real-world Markdown corpus:
//
//   corpus/articles/npm/<name>@<version>/<path>   every .md/.markdown file (and every png/jpg/jpeg/gif/svg/webp
//                                                  image) that an installed npm package ships, at its own relative
//                                                  path, so links and images between a package's files resolve
//   corpus/articles/commonmark/<nn>-<slug>.md      the CommonMark spec's examples, one article per spec section
//   corpus/articles/CORPUS.json                    counts by kind, totals, and one sha256 over (path, content hash)
//   corpus/articles/FILES.tsv                      path, kind, bytes, sha256 of every file, sorted by path
//
// The packages are pinned by corpus/package.json + corpus/package-lock.json and installed into corpus/.work/
// with `npm ci --ignore-scripts` (skipped when corpus/.work/node_modules already matches the lock, see the stamp
// file). Nothing here is a dependency of Quire itself. Output is byte-identical on every run: sorted walks,
// no timestamps, files copied byte for byte.
//
// Options:
//   --reinstall   run npm ci even when the stamp says the install is current
//   --lock        regenerate corpus/package-lock.json after corpus/package.json changed (in a scratch copy of
//                 both, with `npm install --package-lock-only --ignore-scripts`), then stop
//
// Plain Node ESM, no dependencies beyond Node's own modules.

import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CORPUS = path.join(ROOT, 'corpus')
const WORK = path.join(CORPUS, '.work')
const MODULES = path.join(WORK, 'node_modules')
const STAMP = path.join(WORK, 'corpus-install.stamp')
const ARTICLES = path.join(CORPUS, 'articles')
const PARTIAL = path.join(WORK, 'articles.partial')

const MARKDOWN_EXT = new Set(['.md', '.markdown'])
const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp'])

// If the installed tree ever ships more Markdown than this, packages that corpus/package.json does not list
// contribute only the README* / CHANGELOG* / HISTORY* files at their own top level (their docs, licences and
// other files are left out). The listed packages always contribute everything. With the current list the cap
// is not reached (about 3,500 files), so every shipped Markdown file is taken.
const MAX_MARKDOWN = 5000

const args = new Set(process.argv.slice(2))
for (const a of args) {
  if (!['--reinstall', '--lock'].includes(a)) {
    console.error(`corpus: unknown option ${a} (known: --reinstall, --lock)`)
    process.exit(2)
  }
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex')
// Plain UTF-16 code-unit order: the same on every machine and locale.
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------------------------------------
// npm, run as a child with the parent `npm run`'s per-project settings removed (npm_config_local_prefix etc.
// would otherwise point the child at the Quire root and install there).

function npm(cwd, npmArgs) {
  const env = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_(local_prefix|prefix|global|workspaces?|include_workspace_root)$)/i.test(k)) continue
    env[k] = v
  }
  const execPath = process.env.npm_execpath
  const [cmd, pre] =
    execPath && /\.(c|m)?js$/.test(execPath) ? [process.execPath, [execPath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []]
  // --loglevel=error: ~120 packages want a newer Node than the one running (EBADENGINE, 600 lines of warnings);
  // nothing here is ever run, only their files are read.
  const r = spawnSync(cmd, [...pre, ...npmArgs, '--prefix', cwd, '--loglevel=error'], {
    cwd,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32' && cmd === 'npm.cmd'
  })
  if (r.error) throw r.error
  if (r.status !== 0) {
    console.error(`corpus: npm ${npmArgs.join(' ')} failed (exit ${r.status}) in ${cwd}`)
    process.exit(1)
  }
}

function lockHash() {
  return sha256(
    Buffer.concat([
      fs.readFileSync(path.join(CORPUS, 'package.json')),
      Buffer.from('\0'),
      fs.readFileSync(path.join(CORPUS, 'package-lock.json'))
    ])
  )
}

function updateLock() {
  const scratch = path.join(WORK, 'lock-scratch')
  fs.rmSync(scratch, { recursive: true, force: true })
  fs.mkdirSync(scratch, { recursive: true })
  fs.copyFileSync(path.join(CORPUS, 'package.json'), path.join(scratch, 'package.json'))
  // Starting from the committed lock keeps the pins of packages that stay; without it, everything is resolved anew.
  const lock = path.join(CORPUS, 'package-lock.json')
  if (fs.existsSync(lock)) fs.copyFileSync(lock, path.join(scratch, 'package-lock.json'))
  npm(scratch, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'])
  fs.copyFileSync(path.join(scratch, 'package-lock.json'), path.join(CORPUS, 'package-lock.json'))
  fs.rmSync(scratch, { recursive: true, force: true })
  console.log('corpus: wrote corpus/package-lock.json')
}

function install() {
  const want = lockHash()
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : ''
  if (!args.has('--reinstall') && have === want && fs.existsSync(path.join(MODULES, '.package-lock.json'))) {
    return false
  }
  fs.mkdirSync(WORK, { recursive: true })
  fs.rmSync(STAMP, { force: true })
  fs.copyFileSync(path.join(CORPUS, 'package.json'), path.join(WORK, 'package.json'))
  fs.copyFileSync(path.join(CORPUS, 'package-lock.json'), path.join(WORK, 'package-lock.json'))
  console.log('corpus: npm ci --ignore-scripts in corpus/.work (1–3 minutes, ~600 MB on disk)…')
  npm(WORK, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'])
  fs.writeFileSync(STAMP, want + '\n')
  return true
}

// ---------------------------------------------------------------------------------------------------------
// Walking the installed tree.

function readdirSorted(dir) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name))
  } catch {
    return []
  }
}

// Every package directory under node_modules (including nested node_modules, scoped packages and npm's
// bundled dependencies), depth first in sorted order. Symlinked packages are skipped.
function* packageDirs(modulesDir) {
  for (const e of readdirSorted(modulesDir)) {
    if (e.name.startsWith('.') || !e.isDirectory()) continue // .bin, .package-lock.json, .cache; symlinks
    const full = path.join(modulesDir, e.name)
    if (e.name.startsWith('@')) {
      for (const s of readdirSorted(full)) {
        if (!s.isDirectory()) continue
        const pkg = path.join(full, s.name)
        yield pkg
        yield* packageDirs(path.join(pkg, 'node_modules'))
      }
    } else {
      yield full
      yield* packageDirs(path.join(full, 'node_modules'))
    }
  }
}

// Markdown and image files a package ships, at any depth but not inside its nested node_modules; symlinks
// (files or folders) are skipped. Paths are relative to the package, with '/' separators, sorted.
function shippedFiles(pkgDir) {
  const out = []
  const walk = (dir, rel) => {
    for (const e of readdirSorted(dir)) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(path.join(dir, e.name), r)
      } else if (e.isFile()) {
        const ext = path.extname(e.name).toLowerCase()
        if (MARKDOWN_EXT.has(ext)) out.push({ rel: r, markdown: true })
        else if (IMAGE_EXT.has(ext)) out.push({ rel: r, markdown: false })
      }
    }
  }
  walk(pkgDir, '')
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Kinds.

// Language tags seen in translated READMEs' names (README.zh-CN.md, README_ja.md, README-es.md, README.jp.md,
// README_CN.md, README_pt_BR.md …). 'v3' and the like are not translations.
const LANGS = new Set(
  (
    'af ar az be bg bn br ca cn cs da de el en eo es et eu fa fi fr ga gl he hi hk hr hu hy id ' +
    'is it ja jp ka kk km ko kr ky lt lv mk ml mn ms my nb ne nl nn no pl pt ro ru si sk sl sq sr sv sw ta te th ' +
    'tl tr tw ua uk ur uz vi zh'
  ).split(' ')
)
const isLangTag = (tag) => {
  const m = /^([a-z]{2})(?:[-_]([a-z]{2,4}))?$/i.exec(tag)
  return !!m && LANGS.has(m[1].toLowerCase())
}

function kindOf(rel) {
  const parts = rel.split('/')
  const base = parts.at(-1).toLowerCase()
  const stem = base.replace(/\.(md|markdown)$/, '')
  const dirs = parts.slice(0, -1).map((d) => d.toLowerCase())
  const readme = /^readme(?:[._-](.+))?$/.exec(stem)
  if (readme) {
    if (readme[1] && isLangTag(readme[1])) return 'translated-readme'
    // docs/zh-CN/README.md; only tags with a region, since es/, it/, id/ … are ordinary folder names too
    if (dirs.some((d) => /[-_]/.test(d) && isLangTag(d))) return 'translated-readme'
    return 'readme'
  }
  if (/^(changelog|changes|history|news|releases?|release[-_]?notes)(?:[._-].*)?$/.test(stem)) return 'changelog'
  if (/^(licen[cs]e|copying|notice|patents)(?:[._-].*)?$/.test(stem)) return 'licence'
  if (dirs.some((d) => /^(docs?|documentation|man|guides?|manual|wiki|website)$/.test(d))) return 'docs'
  return 'other'
}

// ---------------------------------------------------------------------------------------------------------
// CommonMark spec examples, one article per section.

function commonmarkArticles(specDir) {
  const spec = createRequire(path.join(specDir, 'index.js'))(path.join(specDir, 'index.js'))
  const sections = new Map() // in order of first appearance
  for (const t of spec.tests) {
    if (!sections.has(t.section)) sections.set(t.section, [])
    sections.get(t.section).push(t)
  }
  const articles = []
  let n = 0
  for (const [section, tests] of sections) {
    n++
    const slug = section
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
    let text = `# ${section}\n\n`
    for (const t of tests) {
      // spec.txt writes tabs as '→'; its own test runners turn them back into tabs.
      let md = t.markdown.replace(/→/g, '\t')
      if (!md.endsWith('\n')) md += '\n'
      // The separator is a blank line, an HTML comment alone on its line, and another blank line:
      // - the blank line ends a paragraph (no lazy continuation into the next example, no setext underline),
      //   block quotes, indented code, HTML blocks of kinds 6 and 7 (<div>, any tag), and — because the next
      //   line starts in column 0 — any open list item;
      // - the comment line's '-->' also closes an example's unterminated <!-- comment (HTML block kind 2)
      //   and its '>' an unterminated <!DOCTYPE-like block (kind 4), which a thematic break '---' would not;
      // - it renders as nothing, so the articles read like the spec's examples one after another.
      // Left open on purpose (real stress input): an unclosed ``` / ~~~ fence swallows the rest of the
      // article, and so do unclosed <pre>/<script>/<style>/<textarea> (kind 1), <? (kind 3) and <![CDATA[
      // (kind 5) blocks. Link reference definitions are document-wide, so one example's may serve another's.
      text += `${md}\n<!-- end of example ${t.number} -->\n\n`
    }
    articles.push({ rel: `commonmark/${String(n).padStart(2, '0')}-${slug}.md`, data: Buffer.from(text, 'utf8') })
  }
  return articles
}

// ---------------------------------------------------------------------------------------------------------

function main() {
  const t0 = process.hrtime.bigint()
  if (args.has('--lock')) {
    updateLock()
    return
  }
  const installed = install()

  const listed = JSON.parse(fs.readFileSync(path.join(CORPUS, 'package.json'), 'utf8')).dependencies

  // Each package once, identified by name@version from its package.json: the first copy in the sorted walk.
  const packages = new Map()
  let specDir = null
  for (const dir of packageDirs(MODULES)) {
    let meta
    try {
      meta = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    } catch {
      continue // not a package (no or broken package.json)
    }
    if (typeof meta.name !== 'string' || typeof meta.version !== 'string' || !meta.name || !meta.version) continue
    const id = `${meta.name}@${meta.version}`
    if (packages.has(id)) continue
    if (meta.name === 'commonmark-spec' && meta.version === listed['commonmark-spec']) specDir = dir
    packages.set(id, { id, name: meta.name, version: meta.version, dir, listed: listed[meta.name] === meta.version })
  }
  if (!specDir) throw new Error('commonmark-spec is not installed in corpus/.work')

  const entries = [] // { rel, src?, data?, kind, pkg? }
  for (const id of [...packages.keys()].sort(byName)) {
    const p = packages.get(id)
    const folder = `npm/${p.name.replace('/', '+')}@${p.version}`
    for (const f of shippedFiles(p.dir)) {
      entries.push({
        rel: `${folder}/${f.rel}`,
        src: path.join(p.dir, f.rel),
        pkg: p,
        pkgRel: f.rel,
        kind: f.markdown ? kindOf(f.rel) : 'image'
      })
    }
  }
  let kept = entries
  const npmMarkdown = entries.filter((e) => e.kind !== 'image').length
  const limited = npmMarkdown > MAX_MARKDOWN
  if (limited) {
    kept = entries.filter(
      (e) => e.pkg.listed || (e.kind !== 'image' && !e.pkgRel.includes('/') && /^(readme|changelog|history)/i.test(e.pkgRel))
    )
  }
  for (const a of commonmarkArticles(specDir)) kept.push({ rel: a.rel, data: a.data, kind: 'commonmark' })
  kept.sort((a, b) => byName(a.rel, b.rel))

  // Write everything into a scratch folder, then swap it in for corpus/articles (so nothing stale lingers).
  fs.rmSync(PARTIAL, { recursive: true, force: true })
  const KINDS = ['readme', 'translated-readme', 'changelog', 'docs', 'licence', 'other', 'commonmark', 'image']
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { files: 0, bytes: 0 }]))
  const made = new Set()
  const lines = []
  const withFiles = new Set()
  for (const e of kept) {
    const data = e.data ?? fs.readFileSync(e.src)
    const out = path.join(PARTIAL, ...e.rel.split('/'))
    const dir = path.dirname(out)
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    fs.writeFileSync(out, data)
    const hash = sha256(data)
    kinds[e.kind].files++
    kinds[e.kind].bytes += data.length
    if (e.pkg && e.kind !== 'image') withFiles.add(e.pkg.id)
    lines.push(`${e.rel}\t${e.kind}\t${data.length}\t${hash}`)
  }
  const corpusHash = sha256(kept.map((e, i) => `${e.rel}\t${lines[i].split('\t')[3]}\n`).join(''))
  const sum = (ks) =>
    ks.reduce((acc, k) => ({ files: acc.files + kinds[k].files, bytes: acc.bytes + kinds[k].bytes }), { files: 0, bytes: 0 })
  const markdown = sum(KINDS.filter((k) => k !== 'image'))
  const summary = {
    about: 'Made by scripts/corpus.mjs (npm run corpus) from corpus/package-lock.json and commonmark-spec; do not edit.',
    lock: { sha256: lockHash() },
    packages: {
      installed: packages.size,
      listed: Object.keys(listed).length,
      withMarkdown: withFiles.size
    },
    limit: {
      maxMarkdown: MAX_MARKDOWN,
      applied: limited,
      rule: 'when applied: unlisted packages give only top-level README*/CHANGELOG*/HISTORY*'
    },
    kinds,
    markdown,
    images: kinds.image,
    total: { files: kept.length, bytes: markdown.bytes + kinds.image.bytes },
    sha256: corpusHash,
    sha256Of: 'sha256 of the lines "<path>\\t<sha256 of content>\\n" for every file in FILES.tsv, sorted by path'
  }
  fs.writeFileSync(path.join(PARTIAL, 'CORPUS.json'), JSON.stringify(summary, null, 2) + '\n')
  fs.writeFileSync(path.join(PARTIAL, 'FILES.tsv'), 'path\tkind\tbytes\tsha256\n' + lines.join('\n') + '\n')
  fs.rmSync(ARTICLES, { recursive: true, force: true })
  fs.renameSync(PARTIAL, ARTICLES)

  const secs = Number(process.hrtime.bigint() - t0) / 1e9
  const mb = (b) => (b / 1e6).toFixed(1)
  const byKind = KINDS.filter((k) => k !== 'image')
    .map((k) => `${k} ${kinds[k].files}`)
    .join(', ')
  console.log(
    `corpus: ${markdown.files} Markdown files (${mb(markdown.bytes)} MB) from ${withFiles.size} of ` +
      `${packages.size} packages + ${kinds.commonmark.files} CommonMark sections [${byKind}], ` +
      `${kinds.image.files} images (${mb(kinds.image.bytes)} MB)${limited ? ', limited' : ''}; ` +
      `sha256 ${corpusHash.slice(0, 16)}; ${installed ? 'installed' : 'install current'}; ${secs.toFixed(1)} s`
  )
}

main()
