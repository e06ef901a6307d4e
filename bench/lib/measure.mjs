// Runs a command under GNU time (`/usr/bin/time -v`) to get its CPU time and peak RSS, and times
// its wall clock from here with a monotonic clock (GNU time only reports it to 10 ms).

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

let scratch
/** A private folder for GNU time's reports, removed when the process exits. */
function reportFile() {
  if (!scratch) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-time-'))
    process.once('exit', () => fs.rmSync(scratch, { recursive: true, force: true }))
  }
  return path.join(scratch, `${process.pid}-${Math.random().toString(36).slice(2)}.txt`)
}

/** Reads the figures we use from GNU time's verbose report. */
export function parseTimeReport(text) {
  const field = (label) => {
    const line = text.split('\n').find((row) => row.trim().startsWith(label))
    return line === undefined ? undefined : line.slice(line.lastIndexOf(': ') + 2).trim()
  }
  const user = Number(field('User time (seconds)'))
  const sys = Number(field('System time (seconds)'))
  const rss = Number(field('Maximum resident set size (kbytes)'))
  return { user, sys, cpu: user + sys, maxRssKb: Number.isFinite(rss) ? rss : undefined }
}

/**
 * Runs `command args` to completion. stdout and stderr go to `log` (a path, appended) so a long
 * run's progress lines neither flood the terminal nor cost terminal time.
 * Returns { wall (s), user, sys, cpu (s), maxRssKb, exitCode, signal }; CPU and RSS are undefined
 * when GNU time is not available (`timeBin` null).
 */
export function measure(command, args, { cwd, log, env, timeBin }) {
  const report = timeBin ? reportFile() : undefined
  const argv = timeBin ? [timeBin, '-v', '-o', report, command, ...args] : [command, ...args]
  const out = log ? fs.openSync(log, 'a') : 'ignore'
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env: env ?? process.env, stdio: ['ignore', out, out] })
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      const wall = (performance.now() - started) / 1000
      if (typeof out === 'number') fs.closeSync(out)
      let usage = { user: undefined, sys: undefined, cpu: undefined, maxRssKb: undefined }
      if (report && fs.existsSync(report)) {
        usage = parseTimeReport(fs.readFileSync(report, 'utf8'))
        fs.rmSync(report, { force: true })
      }
      resolve({ wall, ...usage, exitCode, signal })
    })
  })
}

/**
 * Runs `task(item, index)` over `items` with at most `size` at once, as a CI script with a small
 * job pool would; resolves to the results in input order.
 */
export async function pool(items, size, task) {
  const results = new Array(items.length)
  let next = 0
  async function worker() {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
  return results
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
