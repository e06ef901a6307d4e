import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { projectRoot } from './helpers/articles.js'

// The examples a newcomer copies from the README and examples/ are run here, as written.
const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-examples-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** Run a `npx --no-install quire …` line from an example with the project's own binary. */
function run(line: string, cwd: string, env: Record<string, string> = {}) {
  const args = line
    .replace(/^npx (?:--no-install )?quire\s+/, '')
    .split(/\s+/)
    .filter(Boolean)
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } })
  return { status: result.status, stderr: result.stderr }
}

describe('examples/github-actions/publish.yml', () => {
  const workflow = parse(readFileSync(path.join(projectRoot, 'examples/github-actions/publish.yml'), 'utf8')) as {
    permissions?: Record<string, string>
    jobs: Record<
      string,
      {
        permissions?: Record<string, string>
        strategy?: { matrix: { shard: number[] } }
        steps: { run?: string; uses?: string; with?: Record<string, string> }[]
      }
    >
  }

  it('builds each shard of the matrix and merges them into one published folder', () => {
    const project = path.join(workspace, 'workflow')
    cpSync(path.join(projectRoot, 'content'), path.join(project, 'content'), { recursive: true })
    const shards = workflow.jobs.build!.strategy!.matrix.shard
    const buildLine = workflow.jobs.build!.steps.map((step) => step.run).find((line) => line?.startsWith('npx --no-install quire build'))!
    for (const shard of shards) {
      const line = buildLine.replaceAll('${{ matrix.shard }}', String(shard))
      expect(run(line, project, { SOURCE_DATE_EPOCH: '1767225600' }).status, line).toBe(0)
      // What upload-artifact/download-artifact do: shards/<n> arrives as shards/shard-<n>.
      cpSync(path.join(project, 'shards', String(shard)), path.join(project, 'downloaded', `shard-${shard}`), { recursive: true })
    }
    const mergeLine = workflow.jobs.publish!.steps.map((step) => step.run).find((line) => line?.startsWith('npx --no-install quire merge'))!
    const merged = run(mergeLine.replaceAll('shards/', 'downloaded/'), project)
    expect(merged.status, merged.stderr).toBe(0)
    const slugs = readdirSync(path.join(project, 'content'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.slice(0, -3).split(path.sep).join('/'))
    // The book of content/book.yml is built by one shard and merged with the articles: its PDF, EPUB and site.
    const book = ['field-notes.epub', 'field-notes.pdf', 'field-notes/index.html', 'field-notes/reading-this-book.html']
    const written = readdirSync(path.join(project, 'out'), { recursive: true, encoding: 'utf8' }).map((name) =>
      name.split(path.sep).join('/')
    )
    expect(
      written.filter((name) => /\.(html|pdf|epub|json)$/.test(name) && (!name.startsWith('field-notes/') || book.includes(name))).sort()
    ).toEqual([...slugs.flatMap((slug) => [`${slug}.epub`, `${slug}.html`, `${slug}.pdf`]), ...book, 'index.html', 'manifest.json'].sort())
    // The release step attaches what the merge wrote.
    const release = Object.values(workflow.jobs)
      .flatMap((job) => job.steps.map((step) => step.run))
      .find((line) => line?.includes('gh release create'))!
    expect(release).toMatch(/^shopt -s globstar && /)
    for (const pattern of release.match(/out\/\S+/g)!) expect(pattern).toMatch(/^out\/(\*\*\/\*\.(html|pdf|epub)|manifest\.json)$/)
  })
})

describe('examples/github-actions/publish.yml, as GitHub runs it', () => {
  const text = readFileSync(path.join(projectRoot, 'examples/github-actions/publish.yml'), 'utf8')
  const workflow = parse(text) as {
    permissions?: Record<string, string>
    jobs: Record<
      string,
      {
        if?: string
        permissions?: Record<string, string>
        steps: { run?: string; uses?: string; with?: Record<string, string | boolean> }[]
      }
    >
  }
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)

  it('uses the current major version of each action (those on Node 24)', () => {
    const current: Record<string, string> = {
      'actions/checkout': 'v6',
      'actions/setup-node': 'v6',
      'actions/cache': 'v5',
      'actions/upload-artifact': 'v7',
      'actions/download-artifact': 'v8'
    }
    const used = steps.flatMap((step) => (step.uses ? [step.uses] : []))
    expect(used.length).toBeGreaterThan(0)
    for (const uses of used) {
      const [name, version] = uses.split('@')
      expect(uses).toBe(`${name}@${current[name!] ?? `(no current major known for ${name})`}`)
      expect(version).toBeDefined()
    }
  })

  it('runs the quire installed in the project, never a package of the same name fetched by npx', () => {
    const lines = steps.flatMap((step) => step.run?.split('\n') ?? []).filter((line) => /\bquire\b/.test(line) && /\bnpx\b/.test(line))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^npx --no-install quire /)
  })

  it('gives each job only the permissions it needs: write only where the release is made, which runs no npm package', () => {
    expect(workflow.permissions).toEqual({})
    expect(workflow.jobs.build!.permissions).toEqual({ contents: 'read' })
    expect(workflow.jobs.publish!.permissions).toEqual({ contents: 'read' })
    const writers = Object.entries(workflow.jobs).filter(([, job]) => Object.values(job.permissions ?? {}).includes('write'))
    expect(writers.map(([name]) => name)).toEqual(['release'])
    const release = workflow.jobs.release!
    expect(release.permissions).toEqual({ contents: 'write' })
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/')")
    // npm ci runs every dependency's install scripts: never with a token that can write.
    for (const step of release.steps) {
      expect(step.run ?? '').not.toMatch(/\bnpx?\b/)
      expect(step.uses ?? '').not.toMatch(/^actions\/(checkout|setup-node)@/)
    }
    // The jobs that check out keep no token in the repository's git config.
    for (const step of steps.filter((each) => each.uses?.startsWith('actions/checkout@')))
      expect(step.with?.['persist-credentials']).toBe(false)
  })

  it("restores Quire's cache whatever the commit's SOURCE_DATE_EPOCH", () => {
    const cache = steps.find((step) => step.uses?.startsWith('actions/cache@'))!
    expect(cache.with!.path).toContain('.quire-cache')
    expect(`${cache.with!.key} ${cache.with!['restore-keys']}`).not.toMatch(/SOURCE_DATE_EPOCH|ct\)/)
    expect(cache.with!['restore-keys']).toBe('quire-shard-${{ matrix.shard }}-')
  })
})

describe('README.md', () => {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')

  it('documents every command and option the CLI has', () => {
    for (const command of ['build', 'check', 'watch', 'serve', 'merge', 'init']) {
      const help = spawnSync(process.execPath, [cli, command, '--help'], { encoding: 'utf8' })
      expect(help.status).toBe(0)
      expect(readme, `quire ${command}`).toContain(`quire ${command}`)
      for (const [, option] of help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)) {
        if (option !== '--help') expect(readme, `${command} ${option}`).toContain(option)
      }
    }
  })

  it('shows a config file that Quire accepts', () => {
    const block = /```json quire\.config\.json\n([\s\S]*?)```/.exec(readme)
    expect(block, 'a ```json quire.config.json block').not.toBeNull()
    const project = path.join(workspace, 'readme-config')
    cpSync(path.join(projectRoot, 'content'), path.join(project, 'content'), { recursive: true })
    cpSync(path.join(projectRoot, 'templates'), path.join(project, 'templates'), { recursive: true })
    writeFileSync(path.join(project, 'quire.config.json'), block![1]!)
    const checked = run('npx quire check', project)
    expect(checked.stderr).not.toMatch(/quire\.config\.json/)
    expect(checked.status).toBe(0)
  })
})

describe('the library API', () => {
  it("is importable as 'quire-md' with the functions the README names", async () => {
    const quire = await import('quire-md')
    for (const name of ['build', 'parseArticle', 'renderHtml', 'renderPdf', 'renderEpub', 'resolveOptions'])
      expect(typeof (quire as Record<string, unknown>)[name], name).toBe('function')
    const options = quire.resolveOptions({ cwd: projectRoot })
    const article = await quire.parseArticle('content/leg-cramps-progesterone-deficiency.md', options)
    expect(quire.renderHtml(article, options).toString('utf8')).toContain(
      '<h1 id="article-title">Leg cramps &#x26; progesterone deficiency</h1>'
    )
  })
})
