// Turns the results object into the Markdown printed at the end of a run (pasteable into a README).

const seconds = (value) =>
  value === undefined || value === null || Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1)
const megabytes = (value) => (value === undefined || value === null ? 'n/a' : value.toFixed(0))
const rate = (value) =>
  value === undefined || value === null || !Number.isFinite(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1)
const times = (value) =>
  value === undefined || value === null || !Number.isFinite(value) ? 'n/a' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`

/** `≈` marks figures extrapolated from a sample rather than measured over every file. */
const approx = (row, text) => (row.extrapolated && text !== 'n/a' ? `≈ ${text}` : text)

function runsTable(rows) {
  const lines = [
    '| Run | Articles | Wall (s) | CPU user+sys (s) | Peak RSS (MB) | Articles/s | Notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |'
  ]
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.articles} | ${approx(row, seconds(row.wall))} | ${approx(row, seconds(row.cpu))} | ${megabytes(row.maxRssMb)} | ${rate(row.perSecond)} | ${row.notes ?? ''} |`
    )
  }
  return lines.join('\n')
}

/** Each ratio with the target the performance issue sets for it, where it sets one, and whether it holds. */
function ratiosTable(ratios) {
  const lines = ['| Ratio | Value | Target |', '| --- | ---: | --- |']
  const add = (label, value, target, format = times) => {
    if (value === undefined || value === null) return
    const verdict = target === undefined ? '' : `≤ ${format(target)} ${value <= target ? '(met)' : '(**not met**)'}`
    lines.push(`| ${label} | ${format(value)} | ${verdict} |`)
  }
  add('Quire, `--jobs 1` ÷ remark parse floor (wall)', ratios.oneOverFloorWall, 1.6)
  add('Quire, a worker per core ÷ remark parse floor (wall)', ratios.quireOverFloorWall, 1.6)
  add('Quire, a worker per core ÷ remark parse floor (CPU)', ratios.quireOverFloorCpu)
  add('Quire, `--jobs 1` ÷ pandoc HTML (wall)', ratios.oneOverPandocWall, 0.25)
  add('Quire, a worker per core ÷ pandoc HTML (wall)', ratios.quireOverPandocWall, 0.25)
  add('Quire, a worker per core ÷ pandoc HTML (CPU)', ratios.quireOverPandocCpu)
  add('Quire, a worker per core ÷ `--jobs 1` (wall)', ratios.jobsOverOneWall, 0.56)
  add('Quire, a worker per core ÷ `--jobs 1` (CPU: the cost of working in threads)', ratios.jobsOverOneCpu, 1.15)
  add('Quire warm ÷ Quire cold (wall)', ratios.warmOverColdWall)
  add('Quire, a worker per core, peak RSS (MB)', ratios.quirePeakRssMb, 300, megabytes)
  add('Largest article alone, peak RSS (MB)', ratios.largestPeakRssMb, 200, megabytes)
  return lines.join('\n')
}

function scalingTable(scaling) {
  const lines = ['| Articles | Wall (s) | CPU user+sys (s) | Peak RSS (MB) | Articles/s |', '| ---: | ---: | ---: | ---: | ---: |']
  for (const row of scaling)
    lines.push(`| ${row.articles} | ${seconds(row.wall)} | ${seconds(row.cpu)} | ${megabytes(row.maxRssMb)} | ${rate(row.perSecond)} |`)
  return lines.join('\n')
}

function corpusLine(corpus) {
  const what = {
    generated: `generated, seed ${corpus.seed}`,
    real: `real Markdown, evenly spaced files of the real-world corpus, in ${corpus.dir}`,
    own: `from ${corpus.dir}`
  }
  return `Corpus: ${corpus.articles} articles, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${(corpus.bytes / corpus.articles / 1000).toFixed(1)} KB on average (${what[corpus.kind] ?? corpus.dir}, hash ${corpus.hash}).`
}

function context(results) {
  const { machine, quire, tools } = results
  const load = (values) => values.map((value) => value.toFixed(1)).join(' / ')
  const parts = [
    `Quire ${quire.commit ?? '?'}${quire.dirty ? ' with uncommitted changes in src/ or templates/' : ''} (measured as a frozen copy of dist/ and templates/, fingerprint ${quire.snapshot}), formats ${quire.formats}, cache flag ${quire.cacheFlag ? '`--no-cache` present' : 'absent'}.`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}${tools.pandoc ? `, ${tools.pandoc}` : ''}; load average (1/5/15 min) ${load(machine.loadBefore)} before, ${machine.loadAfter ? load(machine.loadAfter) : 'n/a'} after.`
  ]
  // The benchmark itself keeps every core busy (Quire's workers, two pandoc processes), so the load
  // just after it is about the core count even on an idle machine: only more than that is others'.
  if (machine.loadBefore[0] > machine.cpus || (machine.loadAfter && machine.loadAfter[0] > machine.cpus + 1)) {
    parts.push(
      '**The machine was busy with other work (load above its core count): wall times are inflated and noisy; CPU times are the steadier figure.**'
    )
  }
  return parts.join('\n')
}

function problems(results) {
  const lines = []
  const rows = [
    ...results.suites.flatMap((suite) => suite.rows.map((row) => ({ ...row, label: `${suite.title}: ${row.label}` }))),
    ...(results.seed ? [results.seed] : [])
  ]
  for (const row of rows) {
    if (row.summary) {
      const s = row.summary
      if (s.failed || s.errors || s.warnings)
        lines.push(`- ${row.label}: ${s.articles} articles, ${s.failed} failed, ${s.errors} errors, ${s.warnings} warnings.`)
    } else if (row.tail !== undefined)
      lines.push(
        `- ${row.label}: no summary line (exit ${row.exitCode}${row.signal ? `, ${row.signal}` : ''}); last lines:\n\n\`\`\`\n${row.tail}\n\`\`\``
      )
    // Each corpus's messages once (every build of it prints the same), warnings and errors only.
    if (row.id === 'quire-jobs1' || row.id === 'largest' || !row.id)
      for (const message of (row.messages ?? []).filter((one) => one.severity !== 'info').slice(0, 8))
        lines.push(`  - ${message.count} × ${message.severity} \`${message.rule}\`, e.g. \`${message.example}\``)
    if (row.failures?.length) for (const failure of row.failures) lines.push(`  - ${failure}`)
  }
  for (const note of results.problems) lines.push(`- ${note}`)
  return lines.length ? `Problems seen:\n\n${lines.join('\n')}` : 'Problems seen: none (no failed article, no error, no warning).'
}

/** The whole Markdown report: one section per corpus, then the seed article and the warm steps. */
export function markdown(results) {
  const sections = [`### Quire benchmark`, context(results)]
  for (const suite of results.suites) {
    sections.push(`#### ${suite.title}`, corpusLine(suite.corpus), runsTable(suite.rows))
    if (suite.ratios) sections.push(ratiosTable(suite.ratios))
    if (suite.scaling?.length)
      sections.push(
        `Scaling (Quire cold, default jobs: one thread on two cores or fewer, else a worker per core):\n\n${scalingTable(suite.scaling)}`
      )
  }
  const seed = results.seed
  if (seed)
    sections.push(
      `Seed article alone, cold, three formats (median of ${seed.walls?.length ?? '?'}): ${seconds(seed.wall)} s wall (target ≤ 0.40 s: ${seed.wall <= 0.4 ? 'met' : '**not met**'}), ${seconds(seed.cpu)} s CPU, ${megabytes(seed.maxRssMb)} MB; ${seed.notes ?? ''}.`
    )
  const warm = results.warmSteps
  const again = (steps) =>
    steps.repeat
      ? ` Built again (best of 3): parse ${steps.repeat.parseMs} ms, HTML ${steps.repeat.htmlMs} ms, PDF ${steps.repeat.pdfMs} ms, EPUB ${steps.repeat.epubMs} ms.`
      : ''
  if (warm)
    sections.push(
      `Warm, in one process, per article (median of ${warm.articles} generated articles of ${(warm.meanBytes / 1000).toFixed(1)} KB, each built for the first time after ${warm.warmUp ?? '?'} others): parse ${warm.parseMs} ms, HTML ${warm.htmlMs} ms, PDF ${warm.pdfMs} ms, EPUB ${warm.epubMs} ms.${again(warm)}`
    )
  const readmes = results.warmReadmes
  if (readmes)
    sections.push(
      `The same on real Markdown: ${readmes.articles} README.md files of 4–7 KB from node_modules (${(readmes.meanBytes / 1000).toFixed(1)} KB on average), after ${readmes.warmUp ?? '?'} READMEs of other sizes: parse ${readmes.parseMs} ms, HTML ${readmes.htmlMs} ms, PDF ${readmes.pdfMs} ms, EPUB ${readmes.epubMs} ms.${again(readmes)}`
    )
  sections.push(problems(results))
  return sections.join('\n\n') + '\n'
}
