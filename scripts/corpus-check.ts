// `npm run corpus-check`: build the real-world corpus (`npm run corpus`) in all three formats with the
// compiled library, as a user's build would, then run on every output the checks the tests use: the
// Nu HTML Checker, EPUBCheck, and the PDF checks (qpdf, fonts embedded, tagged, words inside the page
// and apart, no heading at a page foot, words in reading order). Prints one line of totals; the
// details, file by file and grouped by kind, go to corpus/report/.
//
//   npm run corpus-check                       everything (≈ 25–40 min on 2 cores)
//   npm run corpus-check -- --sample 10        every 10th article
//   npm run corpus-check -- --only pdf         some checks (html, epub, pdf) on the last build
//   npm run corpus-check -- --match commonmark articles whose path contains a string
//   npm run corpus-check -- --corpus DIR       another folder of Markdown
import { fork } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { run } from './run-command.js'
import { epubcheck, type EpubCheckResult } from '../test/helpers/epubcheck.js'
import { checkPdf, pageFrame, type CorpusResult } from '../test/helpers/pdf-corpus.js'
import { headingsAtPageFoot, readingSequences } from '../test/helpers/pdf-digest.js'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const root = process.cwd()
const require = createRequire(path.join(root, 'package.json'))
const corpus = path.resolve(root, option('corpus') ?? 'corpus/articles')
const out = path.join(root, 'corpus/out')
const reports = path.join(root, 'corpus/report')

interface Built {
  source: string
  failed: boolean
  errors: string[]
  warnings: string[]
  root: string
  html?: string
  pdf?: string
  epub?: string
}

interface PdfJob {
  source: string
  /** The input folder it was built from (its images' root). */
  root: string
  pdf: string
}

type PdfResult = CorpusResult & { source: string; error?: string }

// The library as users run it: the compiled `dist/`, loaded at run time (not bundled into this script).
type Quire = typeof import('../src/index.js')
async function library(): Promise<Quire> {
  const entry = path.join(root, 'dist/index.js')
  if (!existsSync(entry)) throw new Error('dist/index.js is missing: run `npm run build` first')
  return (await import(pathToFileURL(entry).href)) as Quire
}

/** Markdown files as `quire build` discovers them: sorted, hidden folders and node_modules left out. */
function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter(
      (name) => /\.(?:md|markdown)$/i.test(name) && !name.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')
    )
    .sort()
    .map((name) => path.join(folder, name))
}

async function buildCorpus(quire: Quire, sample: number, match: string | undefined): Promise<Built[]> {
  const all = markdownFiles(corpus)
  const chosen = all.filter((file, index) => index % sample === 0 && (match === undefined || path.relative(corpus, file).includes(match)))
  rmSync(out, { recursive: true, force: true })
  const started = performance.now()
  // A sample is copied with the corpus's images into the same folders, so that it is built as the
  // whole corpus is: output folders, links between articles and images as they are there.
  let input = corpus
  if (chosen.length < all.length) {
    input = path.join(root, 'corpus/.sample')
    rmSync(input, { recursive: true, force: true })
    const images = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(?:png|jpe?g|gif|svg|webp)$/i.test(name))
    for (const file of [...chosen.map((file) => path.relative(corpus, file)), ...images]) {
      mkdirSync(path.dirname(path.join(input, file)), { recursive: true })
      copyFileSync(path.join(corpus, file), path.join(input, file))
    }
  }
  const inputs = [input]
  let last = 0
  const result = await quire.build(
    { cwd: root, inputs, out, cache: false },
    {
      onStart: (_source, done, total) => {
        if (done - last >= 250 || done === total - 1) {
          last = done
          process.stderr.write(`  built ${done + 1} of ${total}\r`)
        }
      }
    }
  )
  process.stderr.write(`\n  build: ${result.articles.length} articles in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  const built: Built[] = result.articles.map((article) => {
    const of = (format: string) => article.outputs.find((file) => file.format === format)?.path
    const messages = (fatal: boolean) =>
      article.file.messages
        .filter((message) => message.fatal === fatal)
        .map((message) => `${message.line ?? 0}:${message.column ?? 0} ${message.reason} (${message.ruleId})`)
    return {
      source: article.source,
      root: input,
      failed: article.failed,
      errors: messages(true),
      warnings: messages(false),
      html: of('html'),
      pdf: of('pdf'),
      epub: of('epub')
    }
  })
  for (const problem of result.problems)
    built.push({
      source: problem.path,
      root: input,
      failed: true,
      errors: problem.messages.map((message) => `${message.reason} (${message.ruleId})`),
      warnings: []
    })
  return built
}

/** A message without what is particular to one file (quoted names, numbers): its kind. */
function kindOf(message: string): string {
  return message
    .replace(/“[^”]*”/g, '“…”')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\d+/g, 'N')
    .slice(0, 160)
}

interface NuMessage {
  type: string
  subType?: string
  url: string
  lastLine?: number
  message: string
}

async function checkHtml(pages: string[]): Promise<{ file: string; line?: number; message: string }[]> {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')
  const batches: string[][] = []
  for (let index = 0; index < pages.length; index += 400) batches.push(pages.slice(index, index + 400))
  const found: { file: string; line?: number; message: string }[] = []
  // Two JVMs at a time: the machine has two cores.
  const queue = [...batches]
  await Promise.all(
    [0, 1].map(async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const result = await run('java', ['-Xss16m', '-jar', jar, '--format', 'json', '--errors-only', ...batch])
        let messages: NuMessage[]
        try {
          messages = (JSON.parse(result.stderr) as { messages: NuMessage[] }).messages
        } catch {
          throw new Error(`The Nu HTML Checker did not answer in JSON: ${result.stderr.slice(0, 500)}`)
        }
        for (const message of messages) {
          if (message.type === 'error' || message.subType === 'fatal')
            found.push({ file: path.relative(root, new URL(message.url).pathname), line: message.lastLine, message: message.message })
        }
        process.stderr.write(`  html: ${pages.length - queue.length * 400} of ${pages.length} pages\r`)
      }
    })
  )
  process.stderr.write('\n')
  return found
}

async function checkEpub(books: string[]): Promise<EpubCheckResult[]> {
  // Two JVMs, each checking half of the books in turn.
  const halves = [books.filter((_, index) => index % 2 === 0), books.filter((_, index) => index % 2 === 1)]
  const results = (await Promise.all(halves.map((half) => (half.length > 0 ? epubcheck(half) : Promise.resolve([]))))).flat()
  return results.map((result) => ({ ...result, file: path.relative(root, result.file) }))
}

/** Two processes check the PDFs: the checks spawn poppler and qpdf and read each PDF with pdfjs. */
async function checkPdfs(jobs: PdfJob[]): Promise<PdfResult[]> {
  const results: PdfResult[] = []
  const queue = [...jobs]
  let done = 0
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = fork(process.argv[1]!, ['--pdf-worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
          const next = () => {
            const job = queue.shift()
            if (job) worker.send(job)
            else worker.disconnect()
          }
          worker.on('message', (result: PdfResult) => {
            results.push(result)
            done += 1
            if (done % 50 === 0) process.stderr.write(`  pdf: ${done} of ${jobs.length}\r`)
            next()
          })
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`PDF check worker exited with ${code}`))))
          next()
        })
    )
  )
  process.stderr.write('\n')
  const order = new Map(jobs.map((job, index) => [job.source, index]))
  return results.sort((a, b) => order.get(a.source)! - order.get(b.source)!)
}

async function pdfWorker(): Promise<void> {
  const quire = await library()
  const { loadTheme } = (await import(
    pathToFileURL(path.join(root, 'dist/render/pdf/theme.js')).href
  )) as typeof import('../src/render/pdf/theme.js')
  const options = quire.resolveOptions({ cwd: root })
  const theme = loadTheme(options.templates)
  process.on('message', (job: PdfJob) => {
    void (async () => {
      const empty = {
        name: job.source,
        qpdf: '',
        unembedded: [],
        tagged: true,
        words: 0,
        offPage: [],
        overlaps: [],
        fidelity: 1,
        missing: [],
        fidelityLayout: 1,
        missingLayout: [],
        strandedHeadings: []
      }
      let result: PdfResult
      try {
        const article = await quire.parseArticle(job.source, { ...options, root: job.root })
        const checked = checkPdf(
          job.source,
          job.pdf,
          readingSequences(article.tree),
          pageFrame(theme, article.meta.pageSize ?? options.pageSize)
        )
        result = { ...checked, source: job.source, strandedHeadings: await headingsAtPageFoot(readFileSync(job.pdf)) }
      } catch (error) {
        result = { ...empty, source: job.source, error: error instanceof Error ? error.message : String(error) }
      }
      process.send!(result)
    })()
  })
}

/** A PDF with a problem a check found (words out of order aside). */
function problematic(result: PdfResult): boolean {
  return Boolean(
    result.error ||
    result.qpdf ||
    result.unembedded.length ||
    !result.tagged ||
    result.offPage.length ||
    result.overlaps.length ||
    result.strandedHeadings.length
  )
}

function count<T>(items: T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`
}

async function main(): Promise<void> {
  if (!existsSync(corpus)) throw new Error('corpus/articles is missing: run `npm run corpus` first')
  const only = new Set((option('only') ?? 'build,html,epub,pdf').split(','))
  const sample = Math.max(1, Number(option('sample') ?? 1))
  mkdirSync(reports, { recursive: true })
  const builtFile = path.join(reports, 'build.json')
  let built: Built[]
  if (only.has('build')) {
    built = await buildCorpus(await library(), sample, option('match'))
    writeFileSync(builtFile, JSON.stringify(built, null, 1))
  } else {
    built = JSON.parse(readFileSync(builtFile, 'utf8')) as Built[]
  }

  const failed = built.filter((article) => article.failed)
  const failReasons = count(failed, (article) => /\(([^()]*)\)$/.exec(article.errors[0] ?? '')?.[1] ?? 'unknown')
  const warningKinds = count(
    built.flatMap((article) => article.warnings),
    (warning) => /\(([^()]*)\)$/.exec(warning)?.[1] ?? 'unknown'
  )

  const html = only.has('html') ? await checkHtml(built.flatMap((article) => (article.html ? [article.html] : []))) : undefined
  const epub = only.has('epub') ? await checkEpub(built.flatMap((article) => (article.epub ? [article.epub] : []))) : undefined
  const pdf = only.has('pdf')
    ? await checkPdfs(built.flatMap((article) => (article.pdf ? [{ source: article.source, root: article.root, pdf: article.pdf }] : [])))
    : undefined

  const sum = (items: number[]) => items.reduce((total, item) => total + item, 0)
  const report = {
    articles: built.length,
    failed: failed.length,
    failReasons: Object.fromEntries(failReasons),
    warnings: Object.fromEntries(warningKinds),
    html: html && {
      pages: built.filter((article) => article.html).length,
      errors: html.length,
      pagesWithErrors: new Set(html.map((entry) => entry.file)).size,
      kinds: Object.fromEntries(count(html, (entry) => kindOf(entry.message)))
    },
    epub: epub && {
      books: epub.length,
      fatal: sum(epub.map((book) => book.fatal)),
      errors: sum(epub.map((book) => book.errors)),
      warnings: sum(epub.map((book) => book.warnings)),
      booksWithProblems: epub.filter((book) => book.fatal + book.errors + book.warnings > 0).length,
      kinds: Object.fromEntries(
        count(
          epub.flatMap((book) => book.messages),
          (message) => kindOf(message.replace(/ \S+:-?\d+:-?\d+(, \S+:-?\d+:-?\d+)* /, ' '))
        )
      )
    },
    pdf: pdf && {
      files: pdf.length,
      checkErrors: pdf.filter((result) => result.error).length,
      qpdf: pdf.filter((result) => result.qpdf).length,
      unembedded: sum(pdf.map((result) => result.unembedded.length)),
      untagged: pdf.filter((result) => !result.tagged).length,
      offPage: sum(pdf.map((result) => result.offPage.length)),
      offPageFiles: pdf.filter((result) => result.offPage.length > 0).length,
      overlaps: sum(pdf.map((result) => result.overlaps.length)),
      overlapFiles: pdf.filter((result) => result.overlaps.length > 0).length,
      strandedHeadings: sum(pdf.map((result) => result.strandedHeadings.length)),
      fidelityMean: sum(pdf.map((result) => result.fidelity)) / Math.max(1, pdf.length),
      fidelityMin: Math.min(1, ...pdf.map((result) => result.fidelity)),
      below98: pdf.filter((result) => result.fidelity < 0.98).length
    }
  }
  writeFileSync(
    path.join(reports, 'latest.json'),
    JSON.stringify(
      {
        report,
        failed,
        html,
        epub: epub?.filter((book) => book.messages.length > 0),
        pdf: pdf?.filter((result) => problematic(result) || result.fidelity < 0.99)
      },
      null,
      1
    )
  )

  const lines = [`# Corpus check`, '', '```json', JSON.stringify(report, null, 2), '```', '']
  lines.push('## Failed articles', '', ...failed.map((article) => `- ${article.source}: ${article.errors.join('; ')}`), '')
  if (html)
    lines.push(
      '## HTML errors (first 300)',
      '',
      ...html.slice(0, 300).map((entry) => `- ${entry.file}:${entry.line ?? 0} ${entry.message}`),
      ''
    )
  if (epub)
    lines.push(
      '## EPUBCheck (first 300)',
      '',
      ...epub.flatMap((book) => book.messages.map((message) => `- ${book.file}: ${message.slice(0, 400)}`)).slice(0, 300),
      ''
    )
  if (pdf) {
    const bad = pdf.filter(problematic)
    lines.push(
      '## PDF problems',
      '',
      ...bad.map(
        (result) =>
          `- ${result.source}: ${[result.error, result.qpdf && `qpdf: ${result.qpdf.slice(0, 200)}`, result.unembedded.length && `unembedded: ${result.unembedded.join(', ')}`, !result.tagged && 'untagged', result.offPage.length && `off page: ${result.offPage.slice(0, 3).join('; ')}`, result.overlaps.length && `overlaps: ${result.overlaps.slice(0, 3).join('; ')}`, result.strandedHeadings.length && `headings at foot: ${result.strandedHeadings.join('; ')}`].filter(Boolean).join(' | ')}`
      ),
      ''
    )
    lines.push(
      '## Lowest words in order',
      '',
      ...[...pdf]
        .sort((a, b) => a.fidelity - b.fidelity)
        .slice(0, 40)
        .map((result) => `- ${result.source} ${percent(result.fidelity)}: ${result.missing.slice(0, 15).join(' ')}`),
      ''
    )
  }
  writeFileSync(path.join(reports, 'latest.md'), lines.join('\n'))

  const parts = [
    `corpus: ${report.articles} articles, ${report.failed} failed${failReasons.length ? ` (${failReasons.map(([rule, n]) => `${rule} ${n}`).join(', ')})` : ''}`
  ]
  if (report.html) parts.push(`html: ${report.html.errors} Nu errors in ${report.html.pagesWithErrors} of ${report.html.pages} pages`)
  if (report.epub)
    parts.push(
      `epub: ${report.epub.fatal} fatal, ${report.epub.errors} errors, ${report.epub.warnings} warnings in ${report.epub.booksWithProblems} of ${report.epub.books} books`
    )
  if (report.pdf) {
    const p = report.pdf
    parts.push(
      `pdf: ${p.files} files, ${p.qpdf} qpdf, ${p.unembedded} unembedded, ${p.untagged} untagged, ${p.offPage} off-page (${p.offPageFiles} files), ${p.overlaps} overlaps (${p.overlapFiles} files), ${p.strandedHeadings} headings at foot, words in order ${percent(p.fidelityMean)} mean ${percent(p.fidelityMin)} min${p.checkErrors ? `, ${p.checkErrors} not checkable` : ''}`
    )
  }
  console.log(parts.join(' · '))
  console.log(`details: ${path.relative(root, path.join(reports, 'latest.md'))}`)
}

if (process.argv.includes('--pdf-worker')) await pdfWorker()
else await main()
