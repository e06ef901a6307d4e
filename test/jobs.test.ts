import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from './helpers/articles.js'

// The build as users run it (the bundle's `quire`): one thread or a pool of workers, the same files.

const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-jobs-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function files(folder: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>()
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(folder, name)
    if (!name.includes('.quire-cache') && !readdirSafe(file)) found.set(name, readFileSync(file))
  }
  return found
}
const readdirSafe = (file: string) => {
  try {
    readdirSync(file)
    return true
  } catch {
    return false
  }
}

describe('quire build --jobs', () => {
  // Without its worker module beside it the build quietly runs in one thread: --jobs would do nothing.
  it('finds its worker module where the bundled build looks for it', () => {
    const bundle = path.dirname(cli)
    const modules = readdirSync(bundle, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))
    const looking = modules.filter((name) => readFileSync(path.join(bundle, name), 'utf8').includes('"./worker.js"'))
    expect(looking.length).toBeGreaterThan(0)
    for (const name of looking) expect(existsSync(path.join(bundle, path.dirname(name), 'worker.js')), name).toBe(true)
  })

  // Articles of very different sizes, so a pool finishes them out of source order.
  const content = path.join(workspace, 'content')
  for (const fixture of ['code', 'tables', 'footnotes', 'headings', 'lists', 'minimal', 'inline', 'scripts'])
    cpSync(path.join(projectRoot, 'test/fixtures', fixture), path.join(content, fixture), { recursive: true })
  const run = (jobs: number) => {
    const out = path.join(workspace, `out-${jobs}`)
    const result = spawnSync(
      process.execPath,
      [cli, 'build', content, '--out', out, '--jobs', String(jobs), '--no-cache', '--reporter', 'json'],
      {
        encoding: 'utf8',
        env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' }
      }
    )
    return { out, result }
  }

  it('writes the same bytes with two workers as in one thread, and reports articles in source order', () => {
    const one = run(1)
    const two = run(2)
    expect(one.result.status).toBe(0)
    expect(two.result.status).toBe(0)
    const single = files(one.out)
    const pooled = files(two.out)
    expect([...pooled.keys()]).toEqual([...single.keys()])
    expect(single.size).toBeGreaterThan(8 * 3)
    for (const [name, bytes] of single) expect(pooled.get(name)!.equals(bytes), name).toBe(true)
    const sources = (stdout: string) => (JSON.parse(stdout) as { files: { path: string }[] }).files.map((file) => file.path)
    const reported = sources(two.result.stdout)
    expect(reported).toEqual(sources(one.result.stdout))
    expect(reported).toEqual([...reported].sort())
  }, 180_000)
})

describe('articles built at once by default', () => {
  it('is one thread on two cores or fewer, where one thread built faster than two workers; one per core above', async () => {
    const { defaultJobs } = await import('../src/common/options.js')
    expect([1, 2, 3, 4, 8].map((cores) => defaultJobs(cores))).toEqual([1, 1, 3, 4, 8])
  })
})
