import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DEFAULT_TEMPLATES } from '../common/options.js'

const cache = new Map<string, string>()

/**
 * A text file from the templates folder, read once per process. A custom folder only needs the files
 * it changes: any other is taken from Quire's own templates.
 */
export function readTemplate(templates: string, name: string): string {
  const file = path.join(templates, name)
  let text = cache.get(file)
  if (text === undefined) {
    text = readFileSync(existsSync(file) ? file : path.join(DEFAULT_TEMPLATES, name), 'utf8')
    cache.set(file, text)
  }
  return text
}
