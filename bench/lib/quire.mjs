// Everything the benchmark knows about Quire's command line: where it is, which flags it has, how
// to run a build and how to read its summary and messages back.

import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { measure } from './measure.mjs'

/** The CLI as installed (`bin`: the esbuild bundle); builds it first (`npm run build`) when dist/ has none. */
const CLI = path.join('dist', 'bundle', 'quire.js')

export function ensureCli(repo, say) {
  const cli = path.join(repo, CLI)
  if (fs.existsSync(cli)) return cli
  say(`${CLI} missing: building with \`npm run build\`…`)
  const result = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8' })
  if (!fs.existsSync(cli))
    throw new Error(`npm run build did not produce ${CLI} (exit ${result.status}):\n${result.stdout}${result.stderr}`)
  return cli
}

/**
 * Copies dist/, templates/ and package.json into `dir` (node_modules linked, not copied) and
 * returns the snapshot's CLI. Other people rebuild dist/ and edit templates/ while a benchmark
 * runs; measuring a frozen copy keeps every row about the same Quire, and keeps the cache (whose
 * key covers Quire's version and templates) from being invalidated between the cold and warm runs.
 * Returns { cli, fingerprint }: a hash of the copied files, recorded with the results.
 */
export function snapshotQuire(repo, dir) {
  fs.mkdirSync(dir, { recursive: true })
  for (const entry of ['dist', 'templates', 'package.json']) {
    const from = path.join(repo, entry)
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true })
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  const hash = createHash('sha256')
  for (const folder of ['dist', 'templates']) {
    const root = path.join(dir, folder)
    if (!fs.existsSync(root)) continue
    for (const name of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
      const file = path.join(root, name)
      if (fs.statSync(file).isFile()) hash.update(`${folder}/${name}\0`).update(fs.readFileSync(file))
    }
  }
  return { cli: path.join(dir, CLI), fingerprint: hash.digest('hex').slice(0, 16) }
}

/** Whether `build --help` lists `flag`: the cache flag is only passed when the CLI has it. */
export function buildHasFlag(cli, flag) {
  const help = spawnSync(process.execPath, [cli, 'build', '--help'], { encoding: 'utf8' })
  return `${help.stdout}${help.stderr}`.includes(flag)
}

/** The commit the measured Quire was built from, and whether src/ had uncommitted changes. */
export function quireRevision(repo) {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'templates'], { cwd: repo, encoding: 'utf8' }).trim() !== ''
    return { commit, dirty }
  } catch {
    return { commit: null, dirty: null }
  }
}

/**
 * One `quire build` in a new process. `cwd` is a scratch folder, so the cache (`.quire-cache` in
 * the working folder) and any config lookup never touch the repository.
 */
export async function runBuild({ cli, inputs, out, formats, noCache, jobs, cwd, log, timeBin }) {
  const args = [cli, 'build', ...inputs, '--out', out, '--format', formats]
  if (noCache) args.push('--no-cache')
  if (jobs !== undefined) args.push('--jobs', String(jobs))
  fs.writeFileSync(log, `$ node ${args.join(' ')}\n`)
  const usage = await measure(process.execPath, args, { cwd, log, timeBin })
  return { ...usage, command: `node ${args.join(' ')}`, ...readBuildLog(log) }
}

const SUMMARY =
  /^(\d+) articles? \((\d+) failed(?:, (\d+) unchanged)?\), (\d+) files? in .*, (\d+) errors?, (\d+) warnings? \(([\d.]+) s\)$/m
const MESSAGE = /^(.*?):(\d+):(\d+)(?:-\d+:\d+)?\s+(error|warning|info)\s+(.*?)\s+\(([\w-]+)\)$/

/**
 * Reads Quire's own summary line and its positioned messages out of a build log. Messages are
 * grouped by severity and rule, with the first occurrence kept word for word as an example.
 */
export function readBuildLog(log) {
  const text = fs.readFileSync(log, 'utf8')
  const summary = SUMMARY.exec(text)
  const groups = new Map()
  for (const line of text.split('\n')) {
    const match = MESSAGE.exec(line)
    if (!match) continue
    const [, , , , severity, , rule] = match
    const key = `${severity} ${rule}`
    const group = groups.get(key) ?? { severity, rule, count: 0, example: line }
    group.count++
    groups.set(key, group)
  }
  return {
    summary: summary
      ? {
          articles: +summary[1],
          failed: +summary[2],
          unchanged: +(summary[3] ?? 0),
          files: +summary[4],
          errors: +summary[5],
          warnings: +summary[6],
          reportedSeconds: +summary[7]
        }
      : null,
    messages: [...groups.values()].sort((a, b) => b.count - a.count),
    // A crash prints no summary: keep the end of the log so the report can quote it.
    tail: summary ? undefined : text.trim().split('\n').slice(-15).join('\n')
  }
}
