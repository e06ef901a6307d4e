// A book of 100 chapters from the real-world corpus, built and checked as the tests check the book of
// content/, and timed against the same chapters built as articles alone (decision 18's figures).
//
//   npm run build && node scripts/run-ts.mjs scripts/book-corpus.ts [--corpus DIR] [--chapters 100]
//
// The chapters: the top-level README.md of every npm package of the corpus (corpus/articles/npm,
// `npm run corpus`), in path order, every n-th where n is their number over 100, the first 100 of
// those; each copied with the images of its package into corpus/.book/articles/<package>/. The same
// folder plus a book.yml (four parts of 25, numbering: true, tocDepth: 2) is corpus/.book/book/.
// Each folder is built once by the bundled CLI under /usr/bin/time -v (all three formats, no cache,
// the default jobs); then the book's site goes to the Nu HTML Checker, its EPUB to EPUBCheck, its PDF
// to the PDF checks (qpdf, fonts embedded, tagged, words inside the margins and apart, words in
// reading order, no heading at a page's foot but a part's own page), and its contents page is
// checked against the pages its chapters start on. Prints the figures; corpus/.book/report.json has
// the details.
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { run } from './run-command.js'
import { epubcheck } from '../test/helpers/epubcheck.js'
import { checkPdf, pageFrame, wordsKept } from '../test/helpers/pdf-corpus.js'
import { headingsAtPageFoot, readingSequences } from '../test/helpers/pdf-digest.js'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const root = process.cwd()
const require = createRequire(path.join(root, 'package.json'))
const corpus = path.resolve(root, option('corpus') ?? 'corpus/articles')
const count = Number(option('chapters') ?? 100)
const work = path.join(root, 'corpus/.book')
const cli = path.join(root, 'dist/bundle/quire.js')
const IMAGES = /\.(?:png|jpe?g|gif|svg|webp)$/i
const PARTS = 4
const TITLE = 'One Hundred READMEs'
const SLUG = 'one-hundred-readmes'

/** The chapters' folders: every n-th package with a top-level README.md, in path order. */
function chooseChapters(): string[] {
  const npm = path.join(corpus, 'npm')
  const packages = readdirSync(npm)
    .filter((name) => existsSync(path.join(npm, name, 'README.md')))
    .sort()
  const step = Math.max(1, Math.floor(packages.length / count))
  return packages.filter((_, index) => index % step === 0).slice(0, count)
}

/** Each chapter's README.md and its package's images, into `folder`. */
function copyChapters(packages: string[], folder: string): void {
  rmSync(folder, { recursive: true, force: true })
  for (const name of packages) {
    const from = path.join(corpus, 'npm', name)
    const files = ['README.md', ...readdirSync(from, { recursive: true, encoding: 'utf8' }).filter((file) => IMAGES.test(file))]
    for (const file of files) {
      mkdirSync(path.dirname(path.join(folder, name, file)), { recursive: true })
      copyFileSync(path.join(from, file), path.join(folder, name, file))
    }
  }
}

function bookFile(packages: string[]): string {
  const size = Math.ceil(packages.length / PARTS)
  const parts = Array.from({ length: PARTS }, (_, index) => packages.slice(index * size, (index + 1) * size)).filter((part) => part.length)
  const lines = [`title: ${TITLE}`, `slug: ${SLUG}`, 'lang: en', 'numbering: true', 'tocDepth: 2', 'chapters:']
  for (const part of parts) {
    const first = packages.indexOf(part[0]!) + 1
    lines.push(`  - part: Chapters ${first}–${first + part.length - 1}`, '    chapters:')
    for (const name of part) lines.push(`      - ${JSON.stringify(`${name}/README.md`)}`)
  }
  return `${lines.join('\n')}\n`
}

interface Timed {
  status: number
  summary: string
  wall: number
  user: number
  system: number
  /** Peak resident set size, MB. */
  rss: number
}

/** Run the CLI under /usr/bin/time -v; the figures from its report. */
function timed(args: string[]): Promise<Timed> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, cli, ...args], { cwd: root, env: { ...process.env, CI: '1' } })
    const err: Buffer[] = []
    child.stdout.resume()
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('close', (status) => {
      const text = Buffer.concat(err).toString('utf8')
      const field = (name: string) => new RegExp(`${name}: (.+)`).exec(text)?.[1]?.trim() ?? ''
      const clock = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')
        .split(':')
        .map(Number)
        .reduce((total, part) => total * 60 + part, 0)
      resolve({
        status: status ?? -1,
        summary: /^\d+ articles? .*$/m.exec(text)?.[0] ?? text.slice(-400),
        wall: clock,
        user: Number(field('User time \\(seconds\\)')),
        system: Number(field('System time \\(seconds\\)')),
        rss: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024
      })
    })
  })
}

async function main(): Promise<void> {
  if (!existsSync(path.join(corpus, 'npm'))) throw new Error(`${corpus}/npm is missing: run \`npm run corpus\` first (or give --corpus)`)
  if (!existsSync(cli)) throw new Error('dist/bundle/quire.js is missing: run `npm run build` first')
  // `--checks-only` checks the last build again, without copying or building.
  const again = process.argv.includes('--checks-only')
  const packages = chooseChapters()
  const articles = path.join(work, 'articles')
  const withBook = path.join(work, 'book')
  if (!again) {
    copyChapters(packages, articles)
    copyChapters(packages, withBook)
    writeFileSync(path.join(withBook, 'book.yml'), bookFile(packages))
  }
  const bytes = packages.reduce((total, name) => total + statSync(path.join(articles, name, 'README.md')).size, 0)
  process.stderr.write(`${packages.length} chapters, ${(bytes / 1e6).toFixed(2)} MB of Markdown\n`)

  // Articles alone, then the same articles with the book: the difference is the book's cost.
  const out = path.join(work, 'out-book')
  const timings = path.join(work, 'timings.json')
  let alone: Timed
  let book: Timed
  if (again) [alone, book] = JSON.parse(readFileSync(timings, 'utf8')) as [Timed, Timed]
  else {
    const articlesOut = path.relative(root, path.join(work, 'out-articles'))
    alone = await timed(['build', path.relative(root, articles), '--out', articlesOut, '--no-cache'])
    process.stderr.write(`articles alone: ${alone.summary}\n`)
    book = await timed(['build', path.relative(root, withBook), '--out', path.relative(root, out), '--no-cache'])
    process.stderr.write(`with the book:  ${book.summary}\n`)
    writeFileSync(timings, JSON.stringify([alone, book]))
  }

  const pdf = path.join(out, `${SLUG}.pdf`)
  const epub = path.join(out, `${SLUG}.epub`)
  const site = path.join(out, SLUG)
  if (!existsSync(pdf) || !existsSync(epub) || !existsSync(site)) throw new Error(`the book was not built: ${book.summary}`)
  const pages = readdirSync(site)
    .filter((name) => name.endsWith('.html'))
    .map((name) => path.join(site, name))

  // The Nu HTML Checker on every page of the site, errors and warnings.
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')
  const nu = await run('java', ['-Xss16m', '-jar', jar, '--format', 'json', ...pages])
  const nuMessages = (JSON.parse(nu.stderr) as { messages: { type: string; subType?: string; url: string; message: string }[] }).messages
  const nuProblems = nuMessages.filter((message) => message.type === 'error' || message.subType === 'warning')
  process.stderr.write(`Nu: ${nuProblems.length} errors and warnings on ${pages.length} pages\n`)

  const [epubReport] = await epubcheck([epub])
  process.stderr.write(`EPUBCheck: ${epubReport?.errors ?? '?'} errors, ${epubReport?.warnings ?? '?'} warnings\n`)

  // The contents pages (from the second page to the one before the first entry's): each entry names
  // the page its part or chapter opens on. An entry too long for a line ends on the next.
  const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout.split('\f')
  const comparable = (words: string) => words.replace(/\s+/g, ' ').trim().slice(0, 24)
  const listed: { title: string; page: number }[] = []
  let pending = ''
  for (let index = 1; index < text.length && (listed.length === 0 || index < listed[0]!.page - 1); index += 1) {
    for (const line of text[index]!.split('\n')) {
      // Not an entry: the page's heading, its running header (the book's title), its footer.
      if (/^\s*Contents\s*$/.test(line) || line.trim() === TITLE || /Page \d+ of \d+/.test(line) || line.trim() === '') continue
      const match = /^(.*?)[\s.]+(\d+)\s*$/.exec(line)
      if (!match) {
        pending += ` ${line}`
        continue
      }
      listed.push({ title: comparable(`${pending} ${match[1]}`), page: Number(match[2]) })
      pending = ''
    }
  }
  const wrong = listed.filter((entry) => !comparable(text[entry.page - 1] ?? '').startsWith(entry.title))

  // The PDF checks on the whole file (qpdf, fonts, tags, margins, overlaps); words in reading order
  // chapter by chapter, each chapter's words (parsed as the book parsed it) against its own pages:
  // against the whole book's text the comparison would cost the square of its 100,000 words.
  const quire = (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)) as typeof import('../src/index.js')
  const { loadTheme } = (await import(
    pathToFileURL(path.join(root, 'dist/render/pdf/theme.js')).href
  )) as typeof import('../src/render/pdf/theme.js')
  const options = quire.resolveOptions({ cwd: root })
  const checked = checkPdf(SLUG, pdf, [], pageFrame(loadTheme(options.templates), options.pageSize))
  const partTitles = bookFile(packages)
    .split('\n')
    .flatMap((line) => /^ {2}- part: (.+)$/.exec(line)?.[1] ?? [])
  const isPart = (title: string) => partTitles.some((part) => comparable(part) === title)
  const starts = listed.filter((entry) => !isPart(entry.title))
  // A heading at a page's foot, as the article check counts them: not on the title page nor a part's
  // own page, nor on a chapter's last page (a README may end with a heading, as an article's last page may).
  const ends = new Set(listed.map((entry) => entry.page - 1))
  const stranded = (await headingsAtPageFoot(readFileSync(pdf))).filter((entry) => {
    const page = Number(/^page (\d+):/.exec(entry)?.[1])
    return page !== 1 && !ends.has(page) && !partTitles.some((part) => entry.endsWith(`: ${part}`))
  })
  let found = 0
  let total = 0
  const kept: { chapter: string; share: number }[] = []
  for (const [index, name] of packages.entries()) {
    const start = starts[index]
    if (!start) continue
    const end = (listed[listed.indexOf(start) + 1]?.page ?? text.length) - 1
    const article = await quire.parseArticle(path.join(withBook, name, 'README.md'), { ...options, root: withBook })
    const raw = await run('pdftotext', ['-enc', 'UTF-8', '-raw', '-f', String(start.page), '-l', String(end), pdf, '-'])
    const words = wordsKept(readingSequences(article.tree), raw.stdout)
    found += words.found
    total += words.total
    kept.push({ chapter: name, share: words.total === 0 ? 1 : words.found / words.total })
  }
  kept.sort((a, b) => a.share - b.share)
  process.stderr.write(`PDF: qpdf ${checked.qpdf ? 'not clean' : 'clean'}, ${stranded.length} headings at a page's foot\n`)

  const pdfPages = Number(/^Pages:\s+(\d+)$/m.exec((await run('pdfinfo', [pdf])).stdout)?.[1] ?? 0)
  const report = {
    chapters: packages.length,
    markdownBytes: bytes,
    articlesAlone: alone,
    withBook: book,
    book: { pdf: { bytes: statSync(pdf).size, pages: pdfPages }, epub: { bytes: statSync(epub).size }, site: { pages: pages.length } },
    checks: {
      nu: {
        errors: nuMessages.filter((message) => message.type === 'error').length,
        warnings: nuMessages.filter((message) => message.subType === 'warning').length,
        infos: nuMessages.filter((message) => message.type === 'info' && message.subType !== 'warning').length
      },
      epubcheck: epubReport && { fatal: epubReport.fatal, errors: epubReport.errors, warnings: epubReport.warnings },
      pdf: {
        qpdf: checked.qpdf || 'clean',
        unembedded: checked.unembedded.length,
        tagged: checked.tagged,
        offPage: checked.offPage.length,
        overlaps: checked.overlaps.length,
        wordsInOrder: Number((found / Math.max(1, total)).toFixed(4)),
        lowestChapter: kept[0],
        strandedHeadings: stranded.length
      },
      contents: { entries: listed.length, wrong: wrong.length }
    }
  }
  writeFileSync(
    path.join(work, 'report.json'),
    JSON.stringify(
      {
        report,
        chosen: packages,
        nu: nuProblems,
        epub: epubReport?.messages,
        pdf: { ...checked, stranded, kept },
        contents: { listed, wrong }
      },
      null,
      1
    )
  )
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
}

await main()
