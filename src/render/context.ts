import type { ResolvedOptions } from '../common/options.js'
import type { TypesetReport } from './pdf/report.js'

/** What every renderer needs besides the Article: where templates live and the build-wide defaults. */
export type RenderContext = Pick<ResolvedOptions, 'templates' | 'pageSize' | 'baseUrl' | 'formats'> &
  Partial<Pick<ResolvedOptions, 'cwd'>> & {
    /** The PDF renderer counts what a typesetter would look at into it (scripts/typeset-check.ts). */
    report?: TypesetReport
  }
