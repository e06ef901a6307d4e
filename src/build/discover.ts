import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export interface Source {
  /** Absolute path of the Markdown file. */
  path: string
  /** Folder its images must stay inside: the input folder it was found in, or its own folder. */
  root: string
}

const MARKDOWN = /\.(?:md|markdown)$/i

/**
 * Markdown files named by the inputs, in a stable order: files as given, folders searched
 * recursively (hidden folders and node_modules skipped), each file once.
 */
export function discover(inputs: string[], cwd: string): { sources: Source[]; missing: string[] } {
  const sources: Source[] = []
  const missing: string[] = []
  const seen = new Set<string>()
  const add = (file: string, root: string) => {
    if (seen.has(file)) return
    seen.add(file)
    sources.push({ path: file, root })
  }
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input)
    let stats
    try {
      stats = statSync(absolute)
    } catch {
      missing.push(input)
      continue
    }
    if (stats.isDirectory()) {
      const found = readdirSync(absolute, { recursive: true, encoding: 'utf8' })
        .filter((name) => MARKDOWN.test(name) && !name.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
        .sort()
      for (const name of found) add(path.join(absolute, name), absolute)
    } else {
      add(absolute, path.dirname(absolute))
    }
  }
  return { sources, missing }
}
