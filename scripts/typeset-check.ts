// `npm run typeset-check`: set every article of the real-world corpus (`npm run corpus`) as a PDF with
// the compiled library and count what a typesetter would look at (docs/pdf.md, "Measuring the
// setting"): ragged and loose lines in justified paragraphs, stretched spaces in inline code,
// identifiers and capitals hyphenated, headings last on a page, code blocks split leaving two lines
// or fewer, pages more than a quarter empty. Prints one line of totals; examples, file by file, go to
// corpus/report/typeset.md (and .json).
//
//   npm run typeset-check                       the whole corpus (≈ 4 min on 2 cores)
//   npm run typeset-check -- --sample 10        every 10th article
//   npm run typeset-check -- --match commonmark articles whose path contains a string
//   npm run typeset-check -- --corpus content   another folder of Markdown
import { fork } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TypesetReport } from '../src/render/pdf/report.js'
import { emptyHeadingsAtPageFoot, headingsAtPageFoot } from '../test/helpers/pdf-digest.js'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const root = process.cwd()
const corpus = path.resolve(root, option('corpus') ?? 'corpus/articles')
const reports = path.join(root, 'corpus/report')

interface Job {
  source: string
}

type Result = Omit<TypesetReport, 'broken'> & { source: string; headingsAtFoot: string[]; emptyHeadingsAtFoot: string[]; error?: string }

/** The lists a result holds, in the order the totals print them. */
const KINDS = [
  ['raggedLines', 'ragged lines'],
  ['stretchedCode', 'stretched code spaces'],
  ['hyphenatedIdentifiers', 'identifiers hyphenated'],
  ['headingsAtFoot', 'headings last on a page'],
  // Counted apart: a heading with nothing under it (a chain of version headings) introduces nothing.
  ['emptyHeadingsAtFoot', 'headings with an empty section last on a page'],
  ['codeFragments', 'code fragments ≤ 2 lines'],
  ['looseLines', 'loose lines'],
  // Counted apart: not a fault but the way out of one (a paragraph that cannot be justified without a line gaping).
  ['raggedParagraphs', 'paragraphs set ragged right'],
  ['emptyPages', 'pages > 25% empty']
] as const

/** Markdown files as `quire build` discovers them: sorted, hidden folders and node_modules left out. */
function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter(
      (name) => /\.(?:md|markdown)$/i.test(name) && !name.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')
    )
    .sort()
    .map((name) => path.join(folder, name))
}

async function worker(): Promise<void> {
  const quire = (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)) as typeof import('../src/index.js')
  const { renderPdf } = (await import(
    pathToFileURL(path.join(root, 'dist/render/pdf/index.js')).href
  )) as typeof import('../src/render/pdf/index.js')
  const { newReport } = (await import(
    pathToFileURL(path.join(root, 'dist/render/pdf/report.js')).href
  )) as typeof import('../src/render/pdf/report.js')
  const options = quire.resolveOptions({ cwd: root })
  process.on('message', (job: Job) => {
    void (async () => {
      const report = newReport()
      let result: Result
      try {
        const article = await quire.parseArticle(job.source, { ...options, root: path.dirname(job.source) })
        const pdf = await renderPdf(article, { ...options, report })
        const { broken: _, ...counts } = report
        result = {
          ...counts,
          source: job.source,
          headingsAtFoot: await headingsAtPageFoot(pdf),
          emptyHeadingsAtFoot: await emptyHeadingsAtPageFoot(pdf)
        }
      } catch (error) {
        const { broken: _, ...counts } = report
        result = {
          ...counts,
          source: job.source,
          headingsAtFoot: [],
          emptyHeadingsAtFoot: [],
          error: error instanceof Error ? error.message : String(error)
        }
      }
      process.send!(result)
    })()
  })
}

async function setAll(jobs: Job[]): Promise<Result[]> {
  const results: Result[] = []
  const queue = [...jobs]
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((resolve, reject) => {
          const child = fork(process.argv[1]!, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
          const next = () => {
            const job = queue.shift()
            if (job) child.send(job)
            else child.disconnect()
          }
          child.on('message', (result: Result) => {
            results.push(result)
            if (results.length % 100 === 0) process.stderr.write(`  set ${results.length} of ${jobs.length}\r`)
            next()
          })
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))))
          next()
        })
    )
  )
  process.stderr.write('\n')
  const order = new Map(jobs.map((job, index) => [job.source, index]))
  return results.sort((a, b) => order.get(a.source)! - order.get(b.source)!)
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(2)}%`
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  if (!existsSync(corpus)) throw new Error(`${corpus} is missing: run \`npm run corpus\` first`)
  const sample = Math.max(1, Number(option('sample') ?? 1))
  const match = option('match')
  const files = markdownFiles(corpus).filter((file, index) => index % sample === 0 && (match === undefined || file.includes(match)))
  const results = await setAll(files.map((source) => ({ source })))
  const total = (kind: (typeof KINDS)[number][0]) => results.reduce((sum, result) => sum + result[kind].length, 0)
  const pages = results.reduce((sum, result) => sum + result.pages, 0)
  const justified = results.reduce((sum, result) => sum + result.justifiedLines, 0)
  const full = results.reduce((sum, result) => sum + result.fullLines, 0)
  const characters = results.reduce((sum, result) => sum + result.fullLineCharacters, 0)
  const paragraphs = results.reduce((sum, result) => sum + result.justifiedParagraphs, 0)
  const errors = results.filter((result) => result.error)
  const totals =
    `typeset: ${results.length} PDFs, ${pages} pages, ${justified} justified lines; ` +
    KINDS.map(([kind, label]) => `${total(kind)} ${label}`).join(', ') +
    ` (loose ${percent(total('looseLines'), justified)} of justified lines, empty ${percent(total('emptyPages'), pages)} of pages,` +
    ` ragged right ${percent(total('raggedParagraphs'), paragraphs)} of ${paragraphs} justified paragraphs;` +
    ` ${full === 0 ? 0 : (characters / full).toFixed(1)} characters a line across the column)` +
    (errors.length ? `, ${errors.length} not set` : '')
  mkdirSync(reports, { recursive: true })
  writeFileSync(path.join(reports, 'typeset.json'), `${JSON.stringify(results, null, 1)}\n`)
  const lines = [`# Typesetting over ${path.relative(root, corpus) || '.'}`, '', totals, '']
  for (const [kind, label] of KINDS) {
    const found = results.filter((result) => result[kind].length > 0)
    lines.push(`## ${label}: ${total(kind)} in ${found.length} files`, '')
    for (const result of found.slice(0, 200))
      lines.push(
        `- ${path.relative(root, result.source)}: ${result[kind].slice(0, 3).join(' · ')}${result[kind].length > 3 ? ` (+${result[kind].length - 3})` : ''}`
      )
    lines.push('')
  }
  if (errors.length) lines.push('## not set', '', ...errors.map((result) => `- ${path.relative(root, result.source)}: ${result.error}`), '')
  writeFileSync(path.join(reports, 'typeset.md'), lines.join('\n'))
  console.log(totals)
  console.log(`details: ${path.relative(root, path.join(reports, 'typeset.md'))}`)
}

if (process.argv.includes('--worker')) await worker()
else await main()
