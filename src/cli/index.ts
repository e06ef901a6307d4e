#!/usr/bin/env node
import module from 'node:module'
import path from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import type { VFile } from 'vfile'
import { build, type BuildResult } from '../build/index.js'
import { loadConfig, mergeConfig } from './config.js'
import { init } from './init.js'
import { serve, type Preview } from './serve.js'
import { watch } from './watch.js'
import { merge } from '../build/merge.js'
import { FORMATS, type BuildOptions, type Format } from '../common/options.js'
import { VERSION } from '../common/package-root.js'
import { count, report, reportGithub, reportJson, REPORTERS, type ReportedFile, type ReporterName } from './report.js'
import { parseShard, type Shard } from '../build/shard.js'
import { boundHeapGrowth, tuneV8 } from '../build/v8-tuning.js'

// A thin shell: arguments → options → the library's functions; prints reports and sets the exit code.

tuneV8()

// Where Node has a compile cache (22.1 and later), the compiled code of the modules loaded from here on
// (the renderers, the largest part) is kept on disk, in the system's temporary folder or
// NODE_COMPILE_CACHE, so a later start reads it instead of compiling it again; worker threads find
// the same folder through the environment. Outputs do not depend on it.
const compileCache = (module as { enableCompileCache?: () => { directory?: string } }).enableCompileCache?.()
if (compileCache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = compileCache.directory

interface Flags {
  out?: string
  format?: Format[]
  config?: string
  pageSize?: string
  lang?: string
  author?: string
  baseUrl?: string
  templates?: string
  strict?: boolean
  shard?: Shard
  jobs?: number
  cache?: boolean
  quiet?: boolean
  verbose?: boolean
  reporter?: ReporterName
  stdout?: boolean
  stdinName?: string
}

function parseFormats(value: string): Format[] {
  const formats = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  const unknown = formats.filter((name) => !(FORMATS as readonly string[]).includes(name))
  if (unknown.length > 0 || formats.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${FORMATS.join(', ')}`)
  return formats as Format[]
}

function shardOption(value: string): Shard {
  const shard = parseShard(value)
  if (!shard) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 2/4')
  return shard
}

const program = new Command('quire')
  .description('Markdown articles to HTML, PDF and EPUB 3, from one parse.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))

/** Options shared by build, check and watch. */
function articleOptions(command: Command): Command {
  return command
    .argument(
      '[inputs...]',
      'Markdown files or folders, or - for one article on standard input (default: content, or `inputs` in the config)'
    )
    .option('-c, --config <file>', 'config file (default: quire.config.json, .mjs or .js in the current folder)')
    .addOption(
      new Option('--page-size <size>', 'PDF page size when front matter gives none (default: A4)').choices(['A4', 'A5', 'Letter', 'Legal'])
    )
    .option('--lang <tag>', 'language when front matter gives none (default: en)')
    .option('--author <name>', 'author when front matter gives none')
    .option('--base-url <url>', 'public URL of the output folder, for canonical links and Open Graph tags')
    .option('--templates <dir>', "templates folder (default: Quire's own)")
    .option('--strict', 'warnings fail the article')
    .option('-q, --quiet', 'print errors only')
    .option('--verbose', "print stack traces of Quire's own faults")
    .addOption(reporterOption())
}

function reporterOption(): Option {
  return new Option('--reporter <name>', 'messages as text lines, one json document on stdout, or github workflow commands')
    .choices(REPORTERS)
    .default('text')
}

function writingOptions(command: Command): Command {
  return command
    .option('-o, --out <dir>', 'output folder (default: out)')
    .option('-f, --format <list>', `formats to write, comma-separated (default: ${FORMATS.join(',')})`, parseFormats)
    .option('--shard <i/n>', 'build the i-th of n balanced shards, for a CI matrix', shardOption)
    .option(
      '-j, --jobs <n>',
      'articles built at once, each in a worker thread (default: number of cores; 1 on two cores or fewer)',
      jobsOption
    )
    .option('--no-cache', 'rebuild every article, even those unchanged since the last build')
}

function stdinOption(command: Command): Command {
  return command.option(
    '--stdin-name <path>',
    'path that names the article read from standard input (-): messages, slug, images (default: stdin.md)'
  )
}

function stdoutOption(command: Command): Command {
  return command.option('--stdout', "write the one article's file (one format) to standard output instead of the output folder")
}

function jobsOption(value: string): number {
  const jobs = Number(value)
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64')
  return jobs
}

/** A mistake in the arguments: said on stderr, exit code 2. */
function usage(reason: string): undefined {
  process.stderr.write(`error: ${reason}\n`)
  process.exitCode = 2
  return undefined
}

/** Everything on standard input, for `-`. */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Flags plus config into build options; a broken config ends the run with exit code 2. */
async function resolve(inputs: string[], flags: Flags, extra: BuildOptions = {}): Promise<BuildOptions | undefined> {
  if (inputs.includes('-') && inputs.length > 1) return usage('- reads one article from standard input: name no other input with it')
  const { config, file } = await loadConfig(process.cwd(), flags.config)
  if (file?.messages.some((message) => message.fatal)) {
    finish([file], [{ path: file.path }], flags, { articles: 0, failed: 0, unchanged: 0, files: 0, exitCode: 2 })
    return undefined
  }
  // The config's warnings are reported with the build's messages.
  if (file && file.messages.length > 0) configFiles.push(file)
  const options = mergeConfig(config, {
    inputs,
    out: flags.out,
    formats: flags.format,
    pageSize: flags.pageSize,
    lang: flags.lang,
    author: flags.author,
    baseUrl: flags.baseUrl,
    templates: flags.templates,
    shard: flags.shard,
    jobs: flags.jobs,
    cache: flags.cache,
    ...extra
  })
  if (inputs[0] === '-') options.document = { path: flags.stdinName ?? 'stdin.md', data: await readStdin() }
  return { ...options, strict: flags.strict ?? config.strict ?? false, jobs: flags.jobs ?? config.jobs }
}

/** Files with messages from before the build (the config's warnings), reported with it. */
const configFiles: VFile[] = []

/** Where the messages go: text lines to stderr; workflow commands and the JSON document to stdout. */
function printReport(files: VFile[], flags: Flags): void {
  if (flags.reporter === 'github') {
    const text = reportGithub(files, { quiet: flags.quiet === true })
    if (text) process.stdout.write(text + '\n')
    return
  }
  const text = report(files, { quiet: flags.quiet === true })
  if (text) process.stderr.write(text + '\n')
  if (flags.verbose) {
    for (const file of files)
      for (const message of file.messages)
        if (message.cause instanceof Error && message.cause.stack) process.stderr.write(`${file.path}: ${message.cause.stack}\n`)
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

interface Outcome {
  articles: number
  failed: number
  unchanged: number
  files: number
  exitCode: number
}

/** Report the messages and one summary (a line, or the JSON document's), and set the exit code. */
function finish(files: VFile[], reported: ReportedFile[], flags: Flags, outcome: Outcome, line?: string, suffix = ''): void {
  const all = [...configFiles.splice(0), ...files]
  const counts = count(all)
  if (flags.reporter === 'json') {
    const reportedAll = [
      ...all.filter((file) => !reported.some((entry) => entry.path === file.path)).map((file) => ({ path: file.path })),
      ...reported
    ]
    // The summary's keys in the documented order: counts first, the exit code last.
    const { exitCode, ...tally } = outcome
    const document = reportJson(all, reportedAll, { ...tally, ...counts, exitCode }) + '\n'
    // With --stdout the output file has standard output to itself.
    ;(flags.stdout ? process.stderr : process.stdout).write(document)
  } else {
    printReport(all, flags)
    if (line && (!flags.quiet || outcome.exitCode !== 0))
      process.stderr.write(`${line}, ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${suffix}\n`)
  }
  process.exitCode = outcome.exitCode
}

function summarise(result: BuildResult, flags: Flags, started: bigint, verb: string): void {
  const books = result.books ?? []
  const files = [
    ...result.problems,
    ...result.articles.map((article) => article.file),
    ...books.flatMap((book) => [book.file, ...book.chapterFiles])
  ]
  const written = [...result.articles, ...books].reduce((sum, entry) => sum + entry.outputs.length, 0)
  const failed = result.articles.filter((article) => article.failed).length
  const unchanged = result.articles.filter((article) => article.cached).length
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const where =
    verb === 'checked'
      ? 'checked'
      : verb === 'stdout'
        ? `${plural(written, 'file')} to stdout`
        : `${plural(written, 'file')} in ${path.relative(process.cwd(), result.options.out) || '.'}`
  const reported: ReportedFile[] = result.articles.map((article) => ({
    path: article.file.path,
    status: article.failed ? 'failed' : article.cached ? 'unchanged' : verb === 'checked' ? 'checked' : 'built',
    outputs: article.outputs.map((output) => (verb === 'stdout' ? '-' : path.relative(process.cwd(), output.path)))
  }))
  for (const book of books)
    reported.push({
      path: book.file.path,
      status: book.failed ? 'failed' : book.cached ? 'unchanged' : verb === 'checked' ? 'checked' : 'built',
      outputs: book.outputs.map((output) => path.relative(process.cwd(), output.path))
    })
  const booksNote =
    books.length > 0
      ? `, ${plural(books.length, 'book')}${books.some((book) => book.failed) ? ` (${books.filter((book) => book.failed).length} failed)` : ''}`
      : ''
  const line = `${plural(result.articles.length, 'article')} (${failed} failed${unchanged > 0 ? `, ${unchanged} unchanged` : ''})${booksNote}, ${where}`
  const outcome = { articles: result.articles.length, failed, unchanged, files: written, exitCode: result.failed ? 1 : 0 }
  // The time is on the summary line only: the JSON document is the same for the same build.
  finish(files, reported, flags, outcome, line, ` (${seconds.toFixed(2)} s)`)
}

/**
 * A live line on a terminal; plain lines in CI, when piped, on a terminal that cannot move its cursor
 * (`TERM=dumb`) or for a user who asked for no escape codes (`NO_COLOR`); nothing with --quiet, nor
 * with `--reporter json --stdout`, whose JSON document has standard error to itself.
 */
function progress(flags: Flags): ((source: string, done: number, total: number) => void) | undefined {
  if (flags.quiet || (flags.reporter === 'json' && flags.stdout)) return undefined
  const { CI, TERM, NO_COLOR } = process.env
  const live = process.stderr.isTTY === true && !CI && TERM !== 'dumb' && !NO_COLOR
  const started = Date.now()
  return (source, done, total) => {
    if (!live) {
      process.stderr.write(`[${done + 1}/${total}] ${source}\n`)
      return
    }
    const eta = done > 0 ? ` · about ${Math.ceil((((Date.now() - started) / done) * (total - done)) / 1000)} s left` : ''
    process.stderr.write(`\r\x1b[K[${done + 1}/${total}] ${source}${eta}`)
    if (done + 1 === total) process.stderr.write('\r\x1b[K')
  }
}

// A build of this many articles or more is long: its heap's growth is bounded (boundHeapGrowth).
const LONG_BUILD = 20

/** `onStart`, which also bounds the heaps' growth (this thread's and the workers') when the build is long. */
function longBuild(
  onStart: ((source: string, done: number, total: number) => void) | undefined
): (source: string, done: number, total: number) => void {
  let bounded = false
  return (source, done, total) => {
    if (!bounded && total >= LONG_BUILD) {
      bounded = true
      boundHeapGrowth()
    }
    onStart?.(source, done, total)
  }
}

stdinOption(stdoutOption(writingOptions(articleOptions(program.command('build')))))
  .description('build every article into the output folder: <slug>.html, <slug>.pdf, <slug>.epub, manifest.json, index.html')
  .action(async (inputs: string[], flags: Flags) => {
    const started = process.hrtime.bigint()
    const options = await resolve(inputs, flags)
    if (!options) return
    if (flags.stdout) {
      if (options.formats?.length !== 1) return usage('--stdout writes one file: choose its format with -f html, -f pdf or -f epub')
      // The file goes to standard output; nothing is written to the output folder, nor cached.
      const result = await build({ ...options, write: false, cache: false }, { onStart: progress(flags) })
      if (result.articles.length !== 1)
        return usage(`--stdout writes one article's file, and the inputs hold ${plural(result.articles.length, 'article')}`)
      const data = result.articles[0]!.outputs[0]?.data
      if (data) process.stdout.write(data)
      summarise(result, flags, started, 'stdout')
      return
    }
    const result = await build(options, { onStart: longBuild(progress(flags)) })
    summarise(result, flags, started, 'built')
  })

stdinOption(articleOptions(program.command('check')))
  .description('parse and verify every article (front matter, images, alt text, links, footnotes) without writing')
  .action(async (inputs: string[], flags: Flags) => {
    const started = process.hrtime.bigint()
    const options = await resolve(inputs, flags, { check: true })
    if (!options) return
    summarise(await build(options), flags, started, 'checked')
  })

writingOptions(articleOptions(program.command('watch')))
  .description('build, then rebuild whenever an article, image or template changes (Ctrl-C to stop)')
  .action(async (inputs: string[], flags: Flags) => {
    if (inputs.includes('-')) return usage('watch reads files, not standard input (-)')
    const options = await resolve(inputs, flags)
    if (!options) return
    const { watched } = await watch(options, (result, started) => summarise(result, flags, started, 'built'))
    process.stderr.write(`watching ${shown(watched)}\n`)
  })

writingOptions(articleOptions(program.command('serve')))
  .description('build and watch like watch, and serve the output folder on localhost: pages reload after each rebuild')
  .option('-p, --port <n>', 'port on 127.0.0.1 (0: any free port)', portOption, 4000)
  .action(async (inputs: string[], flags: Flags & { port: number }) => {
    if (inputs.includes('-')) return usage('serve reads files, not standard input (-)')
    const options = await resolve(inputs, flags)
    if (!options) return
    let preview: Preview
    try {
      preview = await serve(path.resolve(options.out ?? 'out'), flags.port)
    } catch (error) {
      return usage(
        `cannot serve on port ${flags.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another with --port`
      )
    }
    const { watched } = await watch(options, (result, started) => {
      summarise(result, flags, started, 'built')
      preview?.reload()
    })
    process.stderr.write(`watching ${shown(watched)}\nserving ${preview.url} (Ctrl-C to stop)\n`)
  })

/** The watched folders and files relative to where quire runs (the config gives them as absolute paths). */
const shown = (watched: string[]) => watched.map((target) => path.relative(process.cwd(), path.resolve(target)) || '.').join(', ')

function portOption(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535')
  return port
}

program
  .command('merge')
  .description('join the output folders of shards: copy their files, write one manifest.json and index.html')
  .argument('<folders...>', 'output folders of the shards')
  .requiredOption('-o, --out <dir>', 'merged output folder')
  .option('-q, --quiet', 'print errors only')
  .addOption(reporterOption())
  .action(async (folders: string[], flags: Flags) => {
    const result = await merge(folders, { out: flags.out })
    const failed = result.problems.some((file) => file.messages.some((message) => message.fatal))
    const outcome = { articles: result.articles, failed: 0, unchanged: 0, files: result.files, exitCode: failed ? 1 : 0 }
    if (flags.reporter === 'json') return finish(result.problems, [], flags, outcome)
    printReport(result.problems, flags)
    if (!flags.quiet || failed) process.stderr.write(`${plural(result.articles, 'article')} merged into ${flags.out}\n`)
    process.exitCode = outcome.exitCode
  })

program
  .command('init')
  .description('scaffold content/, templates/ and quire.config.json (never overwrites a file)')
  .argument('[folder]', 'where to create the project', '.')
  .action((folder: string) => {
    const created = init(path.resolve(folder))
    process.stderr.write(
      created.length > 0
        ? `created ${created.join(', ')}\nnext: npx --no-install quire build\n`
        : 'nothing to create: the project is already set up\n'
    )
  })

await program.parseAsync(process.argv)
