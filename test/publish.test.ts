import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from './helpers/articles.js'

const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-publish-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function quire(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A project folder with `count` small articles of varied sizes. */
function project(name: string, count: number): string {
  const folder = path.join(workspace, name)
  mkdirSync(path.join(folder, 'content'), { recursive: true })
  for (let i = 1; i <= count; i++) {
    const body = Array.from(
      { length: (i % 4) + 1 },
      (_, p) => `Paragraph ${p + 1} of article ${i}, with *emphasis* and a [link](https://example.org/${i}).`
    ).join('\n\n')
    writeFileSync(
      path.join(folder, 'content', `article-${String(i).padStart(2, '0')}.md`),
      `---\ntitle: Article ${i}\nauthor: Writer ${i}\ndate: 2026-01-${String(i).padStart(2, '0')}\n---\n\n## Section\n\n${body}\n`
    )
  }
  return folder
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('manifest.json', () => {
  it('lists every file with its size, sha256 and the PDF page count', () => {
    const folder = project('manifest', 2)
    expect(quire(['build', '-q'], folder).status).toBe(0)
    const manifest = JSON.parse(readFileSync(path.join(folder, 'out/manifest.json'), 'utf8'))
    expect(manifest.schemaVersion).toBe(1)
    expect(manifest.articles.map((article: { slug: string; source: string }) => [article.slug, article.source])).toEqual([
      ['article-01', 'content/article-01.md'],
      ['article-02', 'content/article-02.md']
    ])
    for (const article of manifest.articles) {
      expect(article.files.map((file: { format: string }) => file.format)).toEqual(['html', 'pdf', 'epub'])
      for (const file of article.files) {
        expect(file.sha256).toBe(sha(path.join(folder, 'out', file.name)))
        expect(file.bytes).toBe(readFileSync(path.join(folder, 'out', file.name)).length)
        if (file.format === 'pdf') expect(file.pages).toBeGreaterThanOrEqual(1)
      }
    }
  })
})

describe('--shard and merge', () => {
  it('splits a tree into shards whose files, merged, are exactly those of a whole build', () => {
    const folder = project('shards', 7)
    expect(quire(['build', '-q', '--out', 'whole'], folder).status).toBe(0)
    const built: string[][] = []
    for (const i of [1, 2, 3]) {
      expect(quire(['build', '-q', '--shard', `${i}/3`, '--out', `shard-${i}`], folder).status).toBe(0)
      built.push(readdirSync(path.join(folder, `shard-${i}`)).filter((name) => name.endsWith('.html') && name !== 'index.html'))
    }
    // Every article in exactly one shard, and no shard empty.
    expect(built.flat().sort()).toEqual(
      readdirSync(path.join(folder, 'content'))
        .map((name) => name.replace('.md', '.html'))
        .sort()
    )
    for (const names of built) expect(names.length).toBeGreaterThan(0)

    const merged = quire(['merge', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged'], folder)
    expect(merged.stderr).toBe('7 articles merged into merged\n')
    expect(merged.status).toBe(0)
    const whole = readdirSync(path.join(folder, 'whole')).sort()
    expect(readdirSync(path.join(folder, 'merged')).sort()).toEqual(whole)
    for (const name of whole) expect(sha(path.join(folder, 'merged', name)), name).toBe(sha(path.join(folder, 'whole', name)))

    // The JSON summary counts the files copied, as a build's counts the files it wrote.
    const json = quire(['merge', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged-json', '--reporter', 'json'], folder)
    expect(json.status).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({
      files: [],
      messages: [],
      summary: { articles: 7, failed: 0, unchanged: 0, files: 21, errors: 0, warnings: 0, infos: 0, exitCode: 0 }
    })
  })

  it('rejects a malformed shard with exit code 2', () => {
    const run = quire(['build', '--shard', '4/3'], workspace)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("option '--shard <i/n>' argument '4/3' is invalid. expected i/n with 1 <= i <= n")
  })
})

describe('quire check', () => {
  it('verifies without writing: broken internal links and footnotes are warnings, --strict makes them fail', () => {
    const folder = project('check', 1)
    writeFileSync(
      path.join(folder, 'content/links.md'),
      '---\ntitle: Links\nauthor: A\n---\n\nSee [below](#nowhere) and [^missing].\n\n## Real\n\n[up](#real)\n'
    )
    const run = quire(['check'], folder)
    expect(run.stderr).toContain(
      'content/links.md:6:5  warning  Link to `#nowhere` goes nowhere: no heading or anchor has that id  (link-target)'
    )
    expect(run.stderr).toContain('content/links.md:6:27  warning  Footnote reference `[^missing]` has no definition  (footnote-definition)')
    expect(run.stderr).toMatch(/^2 articles \(0 failed\), checked, 0 errors, 2 warnings/m)
    expect(run.status).toBe(0)
    expect(readdirSync(folder)).not.toContain('out')
    const strict = quire(['check', '--strict'], folder)
    expect(strict.status).toBe(1)
    expect(strict.stderr).toContain('content/links.md:6:5  error  Link to `#nowhere`')
  })
})

describe('quire.config.json', () => {
  it('supplies defaults that front matter overrides', () => {
    const folder = path.join(workspace, 'config')
    mkdirSync(path.join(folder, 'articles'), { recursive: true })
    writeFileSync(
      path.join(folder, 'quire.config.json'),
      JSON.stringify({ inputs: ['articles'], out: 'public', formats: ['html'], author: 'Config Author', lang: 'fr' }, null, 2)
    )
    writeFileSync(path.join(folder, 'articles/a.md'), '---\ntitle: A\n---\n\nBonjour.\n')
    writeFileSync(path.join(folder, 'articles/b.md'), '---\ntitle: B\nauthor: Own Author\nlang: de\n---\n\nHallo.\n')
    const run = quire(['build', '-q'], folder)
    expect(run.status).toBe(0)
    expect(readdirSync(path.join(folder, 'public')).sort()).toEqual(['a.html', 'b.html', 'index.html', 'manifest.json'])
    const a = readFileSync(path.join(folder, 'public/a.html'), 'utf8')
    expect(a).toContain('<html lang="fr" dir="ltr">')
    expect(a).toContain('Par Config Author')
    const b = readFileSync(path.join(folder, 'public/b.html'), 'utf8')
    expect(b).toContain('<html lang="de" dir="ltr">')
    expect(b).toContain('Von Own Author')
  })

  it('is validated: a wrong field is a positioned error and exit code 2', () => {
    const folder = path.join(workspace, 'bad-config')
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'quire.config.json'), '{\n  "lang": 12,\n  "pageSize": "B5",\n  "colour": "red"\n}\n')
    const run = quire(['build'], folder)
    expect(run.status).toBe(2)
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      'quire.config.json:2:11  error  Invalid config field `lang`: expected string  (config-field)',
      'quire.config.json:3:15  error  Invalid config field `pageSize`: expected one of "A4", "A5", "Letter", "Legal"  (config-field)',
      expect.stringMatching(/^quire\.config\.json:4:3 {2}warning {2}Unknown config field `colour`/)
    ])
  })
})

describe('quire init', () => {
  it('scaffolds a project that builds, and never overwrites', () => {
    const folder = path.join(workspace, 'fresh')
    const first = quire(['init', folder], workspace)
    expect(first.status).toBe(0)
    // The next step as the README gives it: plain `npx quire` may fetch the unrelated `quire` package.
    expect(first.stderr).toBe('created content/welcome.md, quire.config.json, templates/\nnext: npx --no-install quire build\n')
    expect(readFileSync(path.join(folder, 'content/welcome.md'), 'utf8')).toContain('run `npx --no-install quire build`')
    expect(quire(['init', folder], workspace).stderr).toBe('nothing to create: the project is already set up\n')
    const build = quire(['build', '-q'], folder)
    expect(build.status).toBe(0)
    expect(readdirSync(path.join(folder, 'out')).sort()).toEqual([
      'index.html',
      'manifest.json',
      'welcome.epub',
      'welcome.html',
      'welcome.pdf'
    ])
    // The style sheets are copies; the PDF theme is a few keys over Quire's, which gives the rest.
    expect(readdirSync(path.join(folder, 'templates'), { recursive: true }).map(String).sort()).toEqual([
      'epub',
      'epub/epub.css',
      'html',
      'html/page.json',
      'html/style.css',
      'pdf-theme.json'
    ])
    const theme = JSON.parse(readFileSync(path.join(folder, 'templates/pdf-theme.json'), 'utf8')) as Record<string, unknown>
    expect(theme.extends).toBe('default')
    expect(Object.keys(theme).length).toBeLessThan(10)
  })
})

describe('an interrupted build', () => {
  it('stops on SIGINT and leaves only whole files, no temporaries', async () => {
    const folder = project('interrupt', 30)
    const child = spawn(process.execPath, [cli, 'build', '-q'], { cwd: folder, stdio: 'ignore' })
    // Interrupt once the first outputs exist, so the build is mid-way.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        let names: string[]
        try {
          names = readdirSync(path.join(folder, 'out'))
        } catch {
          return
        }
        if (names.some((name) => name.endsWith('.epub'))) {
          clearInterval(poll)
          resolve()
        }
      }, 5)
    })
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) =>
      child.on('exit', (status, signal) => resolve(status ?? (signal ? 128 : null)))
    )
    expect(code).toBe(130)
    const names = readdirSync(path.join(folder, 'out'))
    expect(names.filter((name) => name.endsWith('.tmp') || name.startsWith('.'))).toEqual([])
    expect(names).not.toContain('manifest.json')
    for (const name of names.filter((file) => file.endsWith('.pdf')))
      expect(
        readFileSync(path.join(folder, 'out', name))
          .toString('latin1')
          .trimEnd()
          .endsWith('%%EOF')
      ).toBe(true)
  })
})
