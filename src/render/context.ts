import type { ResolvedOptions } from '../common/options.js'

/** What every renderer needs besides the Article: where templates live and the build-wide defaults. */
export type RenderContext = Pick<ResolvedOptions, 'templates' | 'pageSize' | 'baseUrl' | 'formats'> & Partial<Pick<ResolvedOptions, 'cwd'>>
