#!/usr/bin/env node
// `npm run bench`: Quire against the remark parse floor and pandoc, in one run, on a reproducible
// generated corpus and on a sample of the real-world corpus (`npm run corpus`). Prints Markdown tables
// and writes the same figures to bench/results/latest.json.
// See bench/README.md for what each row means. Timings live here only, never in tests.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { describeCorpus, generateCorpus, sampleRealCorpus } from './lib/corpus.mjs'
import { measure, median, pool } from './lib/measure.mjs'
import { buildHasFlag, ensureCli, quireRevision, runBuild, snapshotQuire } from './lib/quire.mjs'
import { markdown } from './lib/report.mjs'
import { ensureDebianTool, versionOf, which } from './lib/tools.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..')
const resultsDir = path.join(here, 'results')
const logsDir = path.join(resultsDir, 'logs')
const SEED_ARTICLE = path.join(repo, 'content', 'leg-cramps-progesterone-deficiency.md')
const SEED_RUNS = 5
/** pandoc runs two at a time, as a CI job on a two-core runner would. */
const PANDOC_POOL = 2
const FORMATS = ['html', 'pdf', 'epub']
/** The real-world corpus that `npm run corpus` writes. */
const REAL_CORPUS = path.join(repo, 'corpus', 'articles')
/** Sizes of the real-corpus samples built with `--scaling`, for peak RSS as the corpus grows. */
const REAL_SCALING = [500, 1000, 2000]

const HELP = `Usage: npm run bench -- [options]

  --articles N        articles in the generated corpus (default 1000)
  --seed N            seed of the corpus generator (default 1)
  --corpus DIR        measure an existing folder of Markdown instead of generating one
  --real N            files of the real-world corpus (npm run corpus) measured too: N evenly
                      spaced files, all, or 0 to leave it out (default 1000)
  --formats LIST      formats Quire writes (default html,pdf,epub)
  --skip-pandoc       leave out the pandoc row
  --pandoc-sample N   run pandoc on N evenly spaced files only and extrapolate (default: all)
  --scaling           also build a 4× smaller and a 4× larger generated corpus, and 500, 1,000 and
                      2,000 real files (cold), to compare peak RSS
  --keep              keep the output folders (their path is printed)
  --report            measure nothing: print the table of bench/results/latest.json again
  -h, --help          this text`

const say = (message) => process.stderr.write(`bench: ${message}\n`)

function readOptions() {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      corpus: { type: 'string' },
      real: { type: 'string', default: '1000' },
      formats: { type: 'string', default: FORMATS.join(',') },
      'skip-pandoc': { type: 'boolean', default: false },
      'pandoc-sample': { type: 'string' },
      scaling: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    console.log(HELP)
    process.exit(0)
  }
  const positive = (name, text) => {
    const value = Number(text)
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number above 0, not ${text}`)
    return value
  }
  const formats = values.formats
    .split(',')
    .map((format) => format.trim())
    .filter(Boolean)
  const unknown = formats.filter((format) => !FORMATS.includes(format))
  if (unknown.length || formats.length === 0) throw new Error(`--formats takes a list of ${FORMATS.join(', ')}; got ${values.formats}`)
  return {
    report: values.report,
    articles: positive('articles', values.articles),
    seed: positive('seed', values.seed),
    corpus: values.corpus ? path.resolve(values.corpus) : undefined,
    real: values.real === 'all' ? Infinity : values.real === '0' ? 0 : positive('real', values.real),
    formats: formats.join(','),
    skipPandoc: values['skip-pandoc'],
    pandocSample: values['pandoc-sample'] === undefined ? undefined : positive('pandoc-sample', values['pandoc-sample']),
    scaling: values.scaling,
    keep: values.keep
  }
}

/** Generated corpora live in bench/.corpus/ (git-ignored), one folder per size and seed. */
function prepareCorpus(options, articles = options.articles) {
  if (options.corpus) {
    const corpus = describeCorpus(options.corpus)
    if (corpus.files.length === 0) throw new Error(`no Markdown files in ${options.corpus}`)
    return { ...corpus, kind: 'own', articles: corpus.files.length }
  }
  const dir = path.join(here, '.corpus', `n${articles}-s${options.seed}`)
  const corpus = generateCorpus({ repo, dir, count: articles, seed: options.seed })
  return { ...corpus, kind: 'generated', seed: options.seed, articles }
}

/** A sample of the real-world corpus, hard-linked into bench/.corpus/real-<n>/ (git-ignored). */
function prepareRealCorpus(count) {
  const dir = path.join(here, '.corpus', `real-${Number.isFinite(count) ? count : 'all'}`)
  const corpus = sampleRealCorpus({ source: REAL_CORPUS, dir, count })
  return { ...corpus, kind: 'real', articles: corpus.files.length }
}

const toMb = (kb) => (kb === undefined ? undefined : kb / 1024)

/** A table row from one measured process (and, for a Quire build, what its log said). */
function row(id, label, articles, usage) {
  const { command, summary, messages, tail } = usage
  const notes = summary ? quireNotes(summary) : undefined
  return {
    id,
    label,
    articles,
    wall: usage.wall,
    cpu: usage.cpu,
    maxRssMb: toMb(usage.maxRssKb),
    perSecond: articles / usage.wall,
    exitCode: usage.exitCode,
    signal: usage.signal ?? undefined,
    command,
    summary,
    messages,
    tail,
    notes
  }
}

/** What Quire's own summary line adds: its in-process time, files written, cache hits, failures. */
function quireNotes(summary) {
  const parts = [`${summary.files} files, Quire's own timer ${summary.reportedSeconds.toFixed(1)} s`]
  if (summary.unchanged) parts.push(`${summary.unchanged} from cache`)
  if (summary.failed) parts.push(`**${summary.failed} failed**`)
  return parts.join('; ')
}

/** The floor: remark alone over every file, one process, one thread. */
async function floorRow(ctx, suite) {
  const list = path.join(ctx.work, `${suite.id}-files.txt`)
  fs.writeFileSync(list, suite.corpus.files.join('\n') + '\n')
  const log = path.join(logsDir, `${suite.id}-parse-floor.log`)
  fs.writeFileSync(log, '')
  const usage = await measure(process.execPath, [path.join(here, 'parse-floor.mjs'), '--list', list], {
    cwd: ctx.work,
    log,
    timeBin: ctx.timeBin
  })
  if (usage.exitCode !== 0) ctx.results.problems.push(`parse floor exited ${usage.exitCode}: see ${path.relative(repo, log)}`)
  return row('floor', 'remark parse floor (remark-parse + gfm + frontmatter, 1 process, 1 thread)', suite.corpus.articles, usage)
}

/** One Quire build of `inputs` in a new process; `name` names its log and output folder. */
function quireBuild(ctx, name, inputs, { noCache, jobs, out = path.join(ctx.work, `out-${name}`) }) {
  return runBuild({
    cli: ctx.cli,
    inputs,
    out,
    formats: ctx.options.formats,
    noCache,
    jobs,
    cwd: ctx.work,
    log: path.join(logsDir, `quire-${name}.log`),
    timeBin: ctx.timeBin
  })
}

/**
 * One thread, then the default number of workers, both cold; on the generated corpus also warm. With a
 * cache flag, cold is `--no-cache` (which also writes no cache), so a second cold build with the
 * cache on fills it, and a third build is the warm one. Without the flag, warm is simply the same
 * command again.
 */
async function quireRows(ctx, suite) {
  const { options } = ctx
  const { corpus } = suite
  const rows = []
  const label = (what) => `Quire ${what}, ${options.formats}`
  const name = (what) => `${suite.id}-${what}`
  const cold = ctx.cacheFlag ? 'cold (`--no-cache`)' : 'cold'
  say(`${suite.title}: Quire ${cold}, one thread (--jobs 1), on ${corpus.articles} articles…`)
  rows.push(
    row(
      'quire-jobs1',
      label(`${cold}, \`--jobs 1\``),
      corpus.articles,
      await quireBuild(ctx, name('jobs1'), [corpus.dir], { noCache: ctx.cacheFlag, jobs: 1 })
    )
  )
  // One worker per core, given explicitly: Quire's default on two cores or fewer is one thread.
  const cores = Math.max(2, os.availableParallelism())
  say(`${suite.title}: Quire ${cold}, --jobs ${cores}…`)
  rows.push(
    row(
      'quire-cold',
      label(`${cold}, \`--jobs ${cores}\` (a worker per core)`),
      corpus.articles,
      await quireBuild(ctx, name('cold'), [corpus.dir], { noCache: ctx.cacheFlag, jobs: cores })
    )
  )
  if (!suite.warm) return rows
  const filled = path.join(ctx.work, `out-${name('cached')}`)
  if (ctx.cacheFlag) {
    say(`${suite.title}: Quire with an empty cache (fills it)…`)
    rows.push(
      row(
        'quire-fill',
        label('cold, empty cache (fills it)'),
        corpus.articles,
        await quireBuild(ctx, name('fill'), [corpus.dir], { noCache: false, out: filled })
      )
    )
  }
  say(`${suite.title}: Quire warm…`)
  rows.push(
    row(
      'quire-warm',
      label(ctx.cacheFlag ? 'warm (cache)' : 'warm (same command again)'),
      corpus.articles,
      await quireBuild(ctx, name('warm'), [corpus.dir], { noCache: false, out: filled })
    )
  )
  return rows
}

/** The largest file of the whole real-world corpus alone, cold: the memory one big article needs. */
async function largestRow(ctx, suite) {
  const files = describeCorpus(REAL_CORPUS).files.map((file) => ({ file, bytes: fs.statSync(file).size }))
  const { file, bytes } = files.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  say(`${suite.title}: the largest article alone (${(bytes / 1000).toFixed(0)} KB)…`)
  const usage = await quireBuild(ctx, `${suite.id}-largest`, [file], { noCache: ctx.cacheFlag })
  return row('largest', `Largest article alone (${path.relative(REAL_CORPUS, file)}, ${(bytes / 1000).toFixed(0)} KB), cold`, 1, usage)
}

/** Every n-th file, so a sample spreads over the whole corpus rather than its first files. */
function evenSample(files, size) {
  if (size >= files.length) return files
  return Array.from({ length: size }, (_, i) => files[Math.floor((i * files.length) / size)])
}

/** pandoc -s FILE -o OUT.html, one process per file, two at a time. */
async function pandocRow(ctx, suite) {
  const pandoc = ensureDebianTool('pandoc', 'pandoc', say)
  if (!pandoc) {
    ctx.results.problems.push('pandoc row skipped: pandoc is not installed (Debian package `pandoc`)')
    return null
  }
  ctx.results.tools.pandoc = versionOf(pandoc)
  const files = suite.corpus.files
  const sample = evenSample(files, ctx.options.pandocSample ?? files.length)
  const outDir = path.join(ctx.work, `out-${suite.id}-pandoc`)
  fs.mkdirSync(outDir, { recursive: true })
  const log = path.join(logsDir, `${suite.id}-pandoc.log`)
  fs.writeFileSync(log, '')
  say(`${suite.title}: pandoc on ${sample.length} of ${files.length} files, ${PANDOC_POOL} at a time…`)
  const started = performance.now()
  const runs = await pool(sample, PANDOC_POOL, (file, index) =>
    measure(pandoc, ['-s', file, '-o', path.join(outDir, `${index}-${path.basename(file, '.md')}.html`)], {
      cwd: ctx.work,
      log,
      timeBin: ctx.timeBin
    })
  )
  const wall = (performance.now() - started) / 1000
  const cpu = runs.every((run) => run.cpu !== undefined) ? runs.reduce((sum, run) => sum + run.cpu, 0) : undefined
  const maxRssKb = runs.every((run) => run.maxRssKb !== undefined) ? Math.max(...runs.map((run) => run.maxRssKb)) : undefined
  const failures = runs.flatMap((run, i) =>
    run.exitCode === 0 ? [] : [`pandoc ${path.basename(sample[i])}: exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}`]
  )
  const scale = files.length / sample.length
  const perProcess = median(runs.map((run) => run.wall))
  const notes = [
    `peak RSS is one process's; ${PANDOC_POOL} run at once`,
    `${perProcess.toFixed(2)} s per process (median), ${(wall / sample.length).toFixed(3)} s per file with ${PANDOC_POOL} at a time`
  ]
  if (scale > 1)
    notes.unshift(
      `sample of ${sample.length}: measured ${wall.toFixed(1)} s wall, ${cpu?.toFixed(1) ?? 'n/a'} s CPU, extrapolated ×${scale.toFixed(1)}`
    )
  if (failures.length) notes.push(`${failures.length} failed`)
  return {
    ...row('pandoc', `pandoc -s → standalone HTML (1 process per file, ${PANDOC_POOL} at a time)`, files.length, {
      wall: wall * scale,
      cpu: cpu === undefined ? undefined : cpu * scale,
      maxRssKb,
      exitCode: failures.length ? 1 : 0
    }),
    perSecond: sample.length / wall,
    extrapolated: scale > 1,
    sample: { files: sample.length, of: files.length, wall, cpu, perFileWall: wall / sample.length, perProcessWall: perProcess },
    failures: failures.slice(0, 10),
    notes: notes.join('; ')
  }
}

/** The one real article alone, cold, median of five new processes: Quire's fixed cost per run. */
async function seedArticleRow(ctx) {
  if (!fs.existsSync(SEED_ARTICLE)) {
    ctx.results.problems.push(`seed article ${path.relative(repo, SEED_ARTICLE)} not found: row skipped`)
    return null
  }
  say(`seed article alone, ${SEED_RUNS} cold runs…`)
  const runs = []
  for (let i = 0; i < SEED_RUNS; i++) runs.push(await quireBuild(ctx, `seed-${i + 1}`, [SEED_ARTICLE], { noCache: ctx.cacheFlag }))
  const pick = (key) => (runs.every((run) => run[key] !== undefined) ? median(runs.map((run) => run[key])) : undefined)
  const walls = runs.map((run) => run.wall)
  const usage = {
    wall: pick('wall'),
    cpu: pick('cpu'),
    maxRssKb: pick('maxRssKb'),
    exitCode: runs.find((run) => run.exitCode !== 0)?.exitCode ?? 0
  }
  const failed = runs.find((run) => run.exitCode !== 0)
  return {
    ...row('seed-article', `Seed article alone (${path.basename(SEED_ARTICLE)}), cold, median of ${SEED_RUNS}`, 1, usage),
    walls,
    summary: failed?.summary,
    messages: failed?.messages,
    tail: failed?.tail,
    notes: `wall min ${Math.min(...walls).toFixed(2)} s, max ${Math.max(...walls).toFixed(2)} s`
  }
}

/** Each step's warm cost for one article, in one process (parse, then each format), median of a sample. */
async function warmStepsRow(ctx) {
  say('warm in-process cost per article and step (sample of 40)…')
  const list = path.join(ctx.work, 'files.txt')
  fs.writeFileSync(list, ctx.suites[0].corpus.files.join('\n') + '\n')
  const library = path.join(path.dirname(path.dirname(path.dirname(ctx.cli))), 'dist', 'index.js')
  const log = path.join(logsDir, 'render-warm.log')
  fs.writeFileSync(log, '')
  const usage = await measure(
    process.execPath,
    [path.join(here, 'render-warm.mjs'), '--library', library, '--list', list, '--sample', '40', '--rounds', '3', '--warm-up', '20'],
    { cwd: ctx.work, log, timeBin: ctx.timeBin }
  )
  const line = fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .find((text) => text.startsWith('{'))
  if (usage.exitCode !== 0 || !line) {
    ctx.results.problems.push(`warm per-step measurement exited ${usage.exitCode}: see ${path.relative(repo, log)}`)
    return
  }
  ctx.results.warmSteps = JSON.parse(line)
  // The same on real Markdown of the same size: the README.md files of 4–7 KB among the installed
  // packages (a typical article is mostly prose; the generated one packs a table, code and images).
  const readmes = realReadmes(4_000, 7_000)
  if (readmes.length === 0) return
  const readmeList = path.join(ctx.work, 'readmes.txt')
  fs.writeFileSync(readmeList, readmes.join('\n') + '\n')
  // Warmed up on other READMEs (outside the size range), so each measured one is new to the process.
  const warmList = path.join(ctx.work, 'readmes-warm-up.txt')
  fs.writeFileSync(warmList, [...realReadmes(1_000, 3_999), ...realReadmes(7_001, 20_000)].sort().join('\n') + '\n')
  const readmeLog = path.join(logsDir, 'render-warm-readmes.log')
  fs.writeFileSync(readmeLog, '')
  const readmeUsage = await measure(
    process.execPath,
    [
      path.join(here, 'render-warm.mjs'),
      '--library',
      library,
      '--list',
      readmeList,
      '--sample',
      '40',
      '--rounds',
      '3',
      '--warm-up',
      '20',
      '--warm-up-list',
      warmList
    ],
    { cwd: ctx.work, log: readmeLog, timeBin: ctx.timeBin }
  )
  const readmeLine = fs
    .readFileSync(readmeLog, 'utf8')
    .split('\n')
    .find((text) => text.startsWith('{'))
  if (readmeUsage.exitCode !== 0 || !readmeLine) {
    ctx.results.problems.push(`warm per-step measurement on READMEs exited ${readmeUsage.exitCode}: see ${path.relative(repo, readmeLog)}`)
    return
  }
  ctx.results.warmReadmes = JSON.parse(readmeLine)
}

/** README.md files of installed packages (node_modules/<name>/ and node_modules/@scope/<name>/) within a size range, sorted. */
function realReadmes(min, max) {
  const root = path.join(repo, 'node_modules')
  if (!fs.existsSync(root)) return []
  const folders = []
  for (const name of fs.readdirSync(root).sort()) {
    if (name.startsWith('.')) continue
    if (name.startsWith('@')) for (const inner of fs.readdirSync(path.join(root, name)).sort()) folders.push(path.join(root, name, inner))
    else folders.push(path.join(root, name))
  }
  return folders
    .map((folder) => path.join(folder, 'README.md'))
    .filter((file) => fs.existsSync(file) && fs.statSync(file).size >= min && fs.statSync(file).size <= max)
}

/**
 * Cold builds of other sizes of the suite's corpus, beside its main one, for peak RSS as the corpus
 * grows: a 4× smaller and 4× larger generated corpus, or 500, 1,000 and 2,000 real files.
 */
async function scalingRows(ctx, suite) {
  const main = suite.corpus.articles
  const sizes = suite.corpus.kind === 'real' ? REAL_SCALING.filter((size) => size !== main) : [Math.max(1, Math.round(main / 4)), main * 4]
  // Every size with Quire's default jobs, given explicitly as the main rows were: one thread on two
  // cores or fewer (the main size's `--jobs 1` row), else a worker per core (its other row).
  const cores = os.availableParallelism()
  const jobs = cores <= 2 ? 1 : cores
  const rows = [suite.rows.find((entry) => entry.id === (jobs === 1 ? 'quire-jobs1' : 'quire-cold'))]
  for (const articles of sizes) {
    const corpus = suite.corpus.kind === 'real' ? prepareRealCorpus(articles) : prepareCorpus(ctx.options, articles)
    if (corpus.articles === main) continue
    const name = `${suite.id}-scale-${corpus.articles}`
    say(`${suite.title}, scaling: Quire cold on ${corpus.articles} articles…`)
    const usage = await quireBuild(ctx, name, [corpus.dir], { noCache: ctx.cacheFlag, jobs })
    rows.push(row(name, `Quire cold, ${corpus.articles} articles`, corpus.articles, usage))
    if (!ctx.options.keep) fs.rmSync(path.join(ctx.work, `out-${name}`), { recursive: true, force: true })
  }
  return rows
    .filter(Boolean)
    .sort((a, b) => a.articles - b.articles)
    .map(({ articles, wall, cpu, maxRssMb, perSecond, exitCode, summary }) => ({
      articles,
      wall,
      cpu,
      maxRssMb,
      perSecond,
      exitCode,
      failed: summary?.failed
    }))
}

/**
 * The figures the performance issue sets targets for, each with its target: Quire (default jobs)
 * against the parse floor and pandoc, two workers against one, CPU spent per article in workers
 * against one thread, peak RSS.
 */
function ratios(rows) {
  const find = (id) => rows.find((entry) => entry.id === id)
  const cold = find('quire-cold')
  const jobs1 = find('quire-jobs1')
  const warm = find('quire-warm')
  const floor = find('floor')
  const pandoc = find('pandoc')
  const divide = (a, b) => (a === undefined || b === undefined || !b ? undefined : a / b)
  return {
    oneOverFloorWall: divide(jobs1?.wall, floor?.wall),
    oneOverPandocWall: divide(jobs1?.wall, pandoc?.wall),
    quireOverFloorWall: divide(cold?.wall, floor?.wall),
    quireOverFloorCpu: divide(cold?.cpu, floor?.cpu),
    quireOverPandocWall: divide(cold?.wall, pandoc?.wall),
    quireOverPandocCpu: divide(cold?.cpu, pandoc?.cpu),
    jobsOverOneWall: divide(cold?.wall, jobs1?.wall),
    jobsOverOneCpu: divide(cold?.cpu, jobs1?.cpu),
    warmOverColdWall: divide(warm?.wall, cold?.wall),
    quirePeakRssMb: cold?.maxRssMb,
    largestPeakRssMb: find('largest')?.maxRssMb
  }
}

function save(results) {
  fs.mkdirSync(resultsDir, { recursive: true })
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n')
}

/** A corpus measured as a whole: its rows, ratios and (with --scaling) the other sizes. */
function suite(id, title, corpus, { warm }) {
  return {
    id,
    title,
    warm,
    corpus,
    summary: {
      dir: path.relative(repo, corpus.dir) || corpus.dir,
      kind: corpus.kind,
      seed: corpus.seed,
      articles: corpus.articles,
      bytes: corpus.bytes,
      hash: corpus.hash,
      images: corpus.images
    },
    rows: []
  }
}

/** Everything fixed before the first measurement: tools, the frozen Quire, the corpora. */
function setUp(options, work) {
  ensureCli(repo, say)
  const { cli, fingerprint } = snapshotQuire(repo, path.join(work, 'quire'))
  const timeBin = which('time') ?? ensureDebianTool('time', 'time', say)
  if (!timeBin) say('without GNU time, CPU time and peak RSS are not measured (n/a)')
  const cacheFlag = buildHasFlag(cli, '--no-cache')
  const problems = []
  say(options.corpus ? `measuring ${options.corpus}` : `generating ${options.articles} articles (seed ${options.seed})…`)
  const suites = [
    suite(options.corpus ? 'own' : 'generated', options.corpus ? 'Own corpus' : 'Generated', prepareCorpus(options), { warm: true })
  ]
  if (options.real > 0 && !fs.existsSync(REAL_CORPUS))
    problems.push('real-world corpus not measured: corpus/articles/ is missing (make it with `npm run corpus`)')
  else if (options.real > 0) {
    say(`sampling ${Number.isFinite(options.real) ? options.real : 'all'} files of the real-world corpus…`)
    suites.push(suite('real', 'Real Markdown', prepareRealCorpus(options.real), { warm: false }))
  }
  const results = {
    complete: false,
    options: { ...options, real: Number.isFinite(options.real) ? options.real : 'all' },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim(),
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadBefore: os.loadavg()
    },
    quire: { ...quireRevision(repo), snapshot: fingerprint, formats: options.formats, cacheFlag },
    tools: { time: timeBin, pandoc: null },
    suites: [],
    problems
  }
  return { options, cli, timeBin, cacheFlag, suites, work, results }
}

/** The measurements, in order; each is saved as it finishes, so a run cut short keeps its figures. */
async function measureAll(ctx) {
  const { options, results } = ctx
  for (const entry of ctx.suites) {
    const saved = { id: entry.id, title: entry.title, corpus: entry.summary, rows: entry.rows }
    results.suites.push(saved)
    const step = async (produce) => {
      const produced = await produce()
      for (const one of [produced].flat()) if (one) entry.rows.push(one)
      saved.ratios = ratios(entry.rows)
      save(results)
    }
    say(`${entry.title}: remark parse floor…`)
    await step(() => floorRow(ctx, entry))
    await step(() => quireRows(ctx, entry))
    if (options.skipPandoc) say('pandoc skipped (--skip-pandoc)')
    else await step(() => pandocRow(ctx, entry))
    if (entry.corpus.kind === 'real') await step(() => largestRow(ctx, entry))
    if (options.scaling && entry.corpus.kind !== 'own') {
      saved.scaling = await scalingRows(ctx, entry)
      save(results)
    }
  }
  if (options.scaling && options.corpus) results.problems.push('--scaling needs a generated corpus: skipped with --corpus')
  const seed = await seedArticleRow(ctx)
  if (seed) results.seed = seed
  save(results)
  await warmStepsRow(ctx)
  save(results)
}

async function main() {
  const options = readOptions()
  if (options.report) {
    const saved = JSON.parse(fs.readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'))
    if (!saved.suites) throw new Error('bench/results/latest.json is from an older bench (one corpus, no suites): run the bench again')
    if (!saved.complete) say('latest.json is from a run that has not finished (or was cut short)')
    process.stdout.write(markdown(saved))
    return
  }
  // Logs of an earlier run would be mistaken for this one's.
  fs.rmSync(logsDir, { recursive: true, force: true })
  fs.mkdirSync(logsDir, { recursive: true })
  // One scratch folder for the Quire snapshot, every output folder and the cache; removed at the end.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'))
  let ctx
  try {
    ctx = setUp(options, work)
    await measureAll(ctx)
  } finally {
    if (options.keep) say(`outputs kept in ${work}`)
    else fs.rmSync(work, { recursive: true, force: true })
  }
  const { results } = ctx
  results.machine.loadAfter = os.loadavg()
  results.complete = true
  save(results)
  process.stdout.write(markdown(results))
  say(
    `figures written to ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}; Quire's logs in ${path.relative(process.cwd(), logsDir)}/`
  )
}

main().catch((error) => {
  say(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
