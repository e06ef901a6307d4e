import { cpSync, mkdirSync, readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './articles.js'

/**
 * Real-world Markdown a user brings: the READMEs of the installed npm packages (pinned by
 * package-lock.json, so the sample is the same on every machine), every `step`-th one, copied into
 * `folder` as `<package>.md`.
 */
export function copyReadmes(folder: string, step = 4): string[] {
  const modules = path.join(projectRoot, 'node_modules')
  const packages = readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(modules, name)).map((inner) => `${name}/${inner}`) : [name]))
    .sort()
  const found = packages
    .map((name) => ({
      name,
      file: ['README.md', 'readme.md', 'Readme.md'].map((file) => path.join(modules, name, file)).find((file) => existsSync(file))
    }))
    .filter((entry): entry is { name: string; file: string } => entry.file !== undefined)
  mkdirSync(folder, { recursive: true })
  const chosen = found.filter((_, index) => index % step === 0)
  for (const { name, file } of chosen) cpSync(file, path.join(folder, `${name.replace('/', '__')}.md`))
  return chosen.map(({ name }) => name)
}
