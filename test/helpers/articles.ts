import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Every article the snapshot tests cover: content/*.md and test/fixtures/<case>/index.md, relative to the project. */
export function snapshotArticles(): string[] {
  const content = readdirSync(path.join(projectRoot, 'content'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `content/${name}`)
  const fixturesDir = path.join(projectRoot, 'test/fixtures')
  const fixtures = existsSync(fixturesDir)
    ? readdirSync(fixturesDir)
        .filter((name) => existsSync(path.join(fixturesDir, name, 'index.md')))
        .sort()
        .map((name) => `test/fixtures/${name}/index.md`)
    : []
  return [...content, ...fixtures]
}

/** A readable snapshot name for an article path. */
export function caseName(file: string): string {
  return file.startsWith('test/fixtures/') ? file.split('/')[2]! : path.basename(file, '.md')
}
