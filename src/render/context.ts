import type { Format, ResolvedOptions } from '../common/options.js'
import type { TypesetReport } from './pdf/report.js'

/** What every renderer needs besides the Article: where templates live and the build-wide defaults. */
export type RenderContext = Pick<ResolvedOptions, 'templates' | 'pageSize' | 'baseUrl' | 'formats'> &
  Partial<Pick<ResolvedOptions, 'cwd'>> & {
    /** The PDF renderer counts what a typesetter would look at into it (scripts/typeset-check.ts). */
    report?: TypesetReport
    /** The article's other files of this build, which its HTML page links with their sizes. Default: none. */
    downloads?: Download[]
  }

/** One file of an article, as its page offers it: `guide.pdf`, 145574 bytes. */
export interface Download {
  format: Format
  /** File name beside the page. */
  name: string
  bytes: number
}
