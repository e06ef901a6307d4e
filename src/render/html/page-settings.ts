import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { z } from 'zod'
import { readFields } from '../../common/validate.js'
import { readTemplate } from '../templates.js'

/** `html/page.json` of the templates: settings of the article's page that CSS cannot make. */
const pageSettings = z.object({
  $comment: z.string().optional(),
  /** Where the page links the article's own PDF and EPUB. Default: after the article. */
  downloads: z.enum(['header', 'footer', 'none']).optional()
})

export type PageSettings = Required<Omit<z.infer<typeof pageSettings>, '$comment'>>

/** The page settings; a value that is not valid is left at its default (`pageSettingsProblems` says why). */
export function readPageSettings(templates: string): PageSettings {
  const result = pageSettings.partial().safeParse(JSON.parse(readTemplate(templates, 'html/page.json')))
  return { downloads: (result.success && result.data.downloads) || 'footer' }
}

/** What is wrong in a templates folder's `html/page.json`, as positioned messages; none when it has none. */
export function pageSettingsProblems(templates: string, cwd: string): VFile | undefined {
  const file = path.join(templates, 'html/page.json')
  if (!existsSync(file)) return undefined
  const vfile = new VFile({ path: path.relative(cwd, file), cwd })
  readFields(vfile, readFileSync(file, 'utf8'), { line: 1, column: 1 }, pageSettings, { label: 'page settings', rule: 'page-settings' })
  return vfile.messages.length > 0 ? vfile : undefined
}
