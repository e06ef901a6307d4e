import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from './helpers/articles.js'

// These tests run the real binary, as a user or a CI job would: `npm test` compiles it first.
const cli = path.join(projectRoot, 'dist/bundle/quire.js')
const workspace = mkdtempSync(path.join(tmpdir(), 'quire-cli-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function quire(args: string[], env: Record<string, string> = {}, cwd = workspace) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function hashes(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => statSync(path.join(folder, name)).isFile())
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(path.join(folder, name)))
          .digest('hex')
      ])
  )
}

const good = '---\ntitle: Good\nauthor: A. Writer\n---\n\nA paragraph with *emphasis*.\n'
const bad = '---\ntitle: Bad\nauthor: A. Writer\ntoc: "yes"\n---\n\nText.\n'

beforeAll(() => {
  expect(existsSync(cli), 'dist/bundle/quire.js is missing: run `npm run build` (npm test does)').toBe(true)
})

describe('quire build', () => {
  it('exports content/ to out/: three files per article, and the book of content/book.yml', () => {
    cpSync(path.join(projectRoot, 'content'), path.join(workspace, 'site/content'), { recursive: true })
    const slugs = readdirSync(path.join(workspace, 'site/content'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.slice(0, -3).split(path.sep).join('/'))
    const run = quire(['build', 'content', '--out', 'out'], {}, path.join(workspace, 'site'))
    // The book: its PDF, its EPUB, and a site of a contents page, one page per chapter (three) and the whole book on one page.
    const bookFiles = ['field-notes.epub', 'field-notes.pdf', 'field-notes/index.html']
    expect(run.stderr).toMatch(
      new RegExp(
        `^${slugs.length} articles? \\(0 failed\\), 1 book, ${slugs.length * 3 + bookFiles.length + 4} files in out, 0 errors, \\d+ warnings? \\(\\d+\\.\\d\\d s\\)$`,
        'm'
      )
    )
    expect(run.status).toBe(0)
    const names = readdirSync(path.join(workspace, 'site/out'), { recursive: true, encoding: 'utf8' })
      .map((name) => name.split(path.sep).join('/'))
      .filter((name) => (!['book', 'field-notes'].includes(name) && !name.startsWith('field-notes/')) || name === 'field-notes/index.html')
      .sort()
    expect(names).toEqual(
      [...slugs.flatMap((slug) => [`${slug}.epub`, `${slug}.html`, `${slug}.pdf`]), ...bookFiles, 'index.html', 'manifest.json'].sort()
    )
  })

  it('gives byte-identical files whatever the clock or time zone', () => {
    const first = quire(['build', 'content', '--no-cache', '--out', 'out-utc'], { TZ: 'UTC' }, path.join(workspace, 'site'))
    const second = quire(
      ['build', 'content', '--no-cache', '--out', 'out-chatham'],
      { TZ: 'Pacific/Chatham' },
      path.join(workspace, 'site')
    )
    expect([first.status, second.status]).toEqual([0, 0])
    const a = hashes(path.join(workspace, 'site/out-utc'))
    expect(Object.keys(a).length).toBeGreaterThanOrEqual(5)
    expect(hashes(path.join(workspace, 'site/out-chatham'))).toEqual(a)
  })

  it('fails a bad article alone, with a positioned message, and keeps no stale output of it', () => {
    mkdirSync(path.join(workspace, 'iso/content'), { recursive: true })
    writeFileSync(path.join(workspace, 'iso/content/good.md'), good)
    writeFileSync(path.join(workspace, 'iso/content/bad.md'), good.replace('Good', 'Was good'))
    expect(quire(['build', '--format', 'html'], {}, path.join(workspace, 'iso')).status).toBe(0)
    expect(readdirSync(path.join(workspace, 'iso/out')).sort()).toEqual(['bad.html', 'good.html', 'index.html', 'manifest.json'])

    writeFileSync(path.join(workspace, 'iso/content/bad.md'), bad)
    const run = quire(['build', '--format', 'html'], {}, path.join(workspace, 'iso'))
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('content/bad.md:4:6  error  Invalid front matter field `toc`: expected boolean  (front-matter-field)\n')
    expect(run.stderr).toMatch(/^2 articles \(1 failed, 1 unchanged\), 1 file in out, 1 error, 0 warnings/m)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    // Only whole files of the articles that built: no stale bad.html, no temporaries.
    expect(readdirSync(path.join(workspace, 'iso/out')).sort()).toEqual(['good.html', 'index.html', 'manifest.json'])
    expect(readFileSync(path.join(workspace, 'iso/out/index.html'), 'utf8')).not.toContain('bad.html')
  })

  it('answers a usage mistake with exit code 2 and help', () => {
    const run = quire(['build', '--format', 'docx'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(
      "error: option '-f, --format <list>' argument 'docx' is invalid. expected a comma-separated list of html, pdf, epub"
    )
    expect(quire(['frobnicate']).status).toBe(2)
  })

  it('answers an input that does not exist with exit code 1', () => {
    const run = quire(['build', 'nowhere.md', '--out', 'out-missing'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('nowhere.md  error  Cannot find input: no such file or folder  (input)')
  })

  it('prints its version and help', () => {
    const version = quire(['--version'])
    expect(version.status).toBe(0)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version)
    const help = quire(['build', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--format <list>')
  })
})

describe('reporters', () => {
  const project = () => {
    const folder = path.join(workspace, 'reporters')
    mkdirSync(path.join(folder, 'content'), { recursive: true })
    writeFileSync(path.join(folder, 'content/good.md'), good + '\nSee [below](#nowhere).\n')
    writeFileSync(path.join(folder, 'content/bad.md'), bad)
    return folder
  }

  it('--reporter json prints one JSON document: files, positioned messages and the summary', () => {
    const run = quire(['build', '--format', 'html', '--reporter', 'json', '--no-cache'], { CI: 'true' }, project())
    expect(run.status).toBe(1)
    const document = JSON.parse(run.stdout)
    expect(document.files).toEqual([
      { path: 'content/bad.md', status: 'failed', outputs: [] },
      { path: 'content/good.md', status: 'built', outputs: ['out/good.html'] }
    ])
    expect(document.messages).toEqual([
      {
        file: 'content/bad.md',
        line: 4,
        column: 6,
        severity: 'error',
        rule: 'front-matter-field',
        message: 'Invalid front matter field `toc`: expected boolean'
      },
      {
        file: 'content/good.md',
        line: 8,
        column: 5,
        severity: 'warning',
        rule: 'link-target',
        message: 'Link to `#nowhere` goes nowhere: no heading or anchor has that id'
      }
    ])
    expect(document.summary).toEqual({ articles: 2, failed: 1, unchanged: 0, files: 1, errors: 1, warnings: 1, infos: 0, exitCode: 1 })
    // In the order docs/cli.md shows: the same bytes for the same build, the exit code last.
    expect(Object.keys(document.summary)).toEqual(['articles', 'failed', 'unchanged', 'files', 'errors', 'warnings', 'infos', 'exitCode'])
  })

  it('--reporter json reports a broken config as a document too, with exit code 2', () => {
    const folder = path.join(workspace, 'reporters-config')
    mkdirSync(folder, { recursive: true })
    writeFileSync(path.join(folder, 'quire.config.json'), '{ "lang": 12 }\n')
    const run = quire(['check', '--reporter', 'json'], {}, folder)
    expect(run.status).toBe(2)
    const document = JSON.parse(run.stdout)
    expect(document.messages).toEqual([
      expect.objectContaining({ file: 'quire.config.json', line: 1, column: 11, severity: 'error', rule: 'config-field' })
    ])
    expect(document.summary.exitCode).toBe(2)
  })

  it('--reporter github prints workflow commands that annotate the lines of a pull request', () => {
    const run = quire(['build', '--format', 'html', '--reporter', 'github', '--no-cache'], { CI: 'true' }, project())
    expect(run.status).toBe(1)
    expect(run.stdout).toBe(
      [
        '::error file=content/bad.md,line=4,col=6,title=front-matter-field::Invalid front matter field `toc`: expected boolean',
        '::warning file=content/good.md,line=8,col=5,title=link-target::Link to `#nowhere` goes nowhere: no heading or anchor has that id',
        ''
      ].join('\n')
    )
    expect(run.stderr).toMatch(/^2 articles \(1 failed\), 1 file in out, 1 error, 1 warning/m)
  })

  it('draws the live progress line on a terminal, and plain lines without escape codes with TERM=dumb or NO_COLOR', () => {
    const folder = project()
    // `script` gives the command a terminal, as a person typing it has.
    const onTerminal = (env: Record<string, string>) => {
      const line = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} build --format html --no-cache`
      const run = spawnSync('script', ['-qec', line, '/dev/null'], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, CI: '', NO_COLOR: '', TERM: 'xterm-256color', ...env }
      })
      return run.stdout
    }
    expect(onTerminal({})).toContain('\x1b[K')
    for (const env of [{ TERM: 'dumb' }, { NO_COLOR: '1' }]) {
      const output = onTerminal(env)
      expect(output, JSON.stringify(env)).toContain('[1/2] content/bad.md')
      expect(output, JSON.stringify(env)).not.toContain('\x1b')
    }
  })
})

describe('standard input and output', () => {
  const folder = path.join(workspace, 'streams')
  const article = () => readFileSync(path.join(folder, 'content/field-guide.md'))
  const piped = (args: string[], input: Buffer | string, cwd = folder) => {
    const run = spawnSync(process.execPath, [cli, ...args], { cwd, input, env: { ...process.env, CI: 'true' } })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') }
  }

  beforeAll(() => {
    cpSync(path.join(projectRoot, 'content'), path.join(folder, 'content'), { recursive: true })
    // One build per format: a page links the other files built beside it, and --stdout builds one.
    for (const format of ['html', 'pdf', 'epub'])
      expect(quire(['build', 'content/field-guide.md', '-f', format, '--out', 'files', '-q'], {}, folder).status).toBe(0)
  })

  it('`cat a.md | quire build - -f pdf --stdout > a.pdf` writes the same bytes as a build to a file', () => {
    // Run beside the article, as its images are found from the folder it is piped in from.
    const run = piped(['build', '-', '-f', 'pdf', '--stdout'], article(), path.join(folder, 'content'))
    expect(run.stderr).toMatch(/^1 article \(0 failed\), 1 file to stdout, 0 errors, 0 warnings/m)
    expect(run.status).toBe(0)
    expect(run.stdout.equals(readFileSync(path.join(folder, 'files/field-guide.pdf')))).toBe(true)
  })

  it('is byte-equal in every format when --stdin-name gives the article its path, and writes no folder', () => {
    for (const format of ['html', 'epub', 'pdf']) {
      const run = piped(['build', '-', '-f', format, '--stdout', '--stdin-name', 'content/field-guide.md', '--out', 'unused'], article())
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout.equals(readFileSync(path.join(folder, `files/field-guide.${format}`))), format).toBe(true)
    }
    expect(readdirSync(folder)).not.toContain('unused')
  })

  it('fails a broken article with exit code 1 and nothing on stdout; a usage mistake with exit code 2', () => {
    const broken = piped(['build', '-', '-f', 'html', '--stdout'], bad)
    expect(broken.status).toBe(1)
    expect(broken.stdout.length).toBe(0)
    expect(broken.stderr).toContain('stdin.md:4:6  error  Invalid front matter field `toc`: expected boolean  (front-matter-field)')
    const twoFormats = piped(['build', '-', '--stdout'], good)
    expect(twoFormats.status).toBe(2)
    expect(twoFormats.stderr).toContain('--stdout writes one file: choose its format with -f html, -f pdf or -f epub')
    const twoArticles = piped(['build', 'content', '-f', 'html', '--stdout'], '')
    expect(twoArticles.status).toBe(2)
    expect(twoArticles.stdout.length).toBe(0)
  })

  it('with --reporter json, leaves standard error to the JSON document alone (no progress lines)', () => {
    const run = piped(['build', '-', '-f', 'html', '--stdout', '--reporter', 'json'], good + '\n[x](#nowhere)\n')
    expect(run.status).toBe(0)
    expect(run.stdout.toString('utf8')).toMatch(/^<!doctype html>/)
    const document = JSON.parse(run.stderr)
    expect(document.files).toEqual([{ path: 'stdin.md', status: 'built', outputs: ['-'] }])
    expect(document.messages).toEqual([expect.objectContaining({ file: 'stdin.md', line: 8, column: 1, rule: 'link-target' })])
    expect(document.summary.exitCode).toBe(0)
  })

  it('checks an article on standard input: `quire check -`', () => {
    const run = piped(['check', '-', '--stdin-name', 'draft.md'], good + '\n[x](#nowhere)\n')
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('draft.md:8:1  warning  Link to `#nowhere` goes nowhere')
  })
})
