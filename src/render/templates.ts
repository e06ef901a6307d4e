import { readFileSync } from 'node:fs'
import path from 'node:path'

const cache = new Map<string, string>()

/** A text file from the templates folder, read once per process. */
export function readTemplate(templates: string, name: string): string {
  const file = path.join(templates, name)
  let text = cache.get(file)
  if (text === undefined) {
    text = readFileSync(file, 'utf8')
    cache.set(file, text)
  }
  return text
}
