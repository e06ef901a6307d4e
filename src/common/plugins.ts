import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { resolve as resolveModule } from 'import-meta-resolve'
import type { Plugin } from 'unified'

/**
 * Where a user's plugin runs in the one parse: `remark` on the Markdown tree (after Quire's GFM, front
 * matter and emoji, before it becomes HTML); `rehype` on the HTML tree before the sanitiser, so what it
 * adds is sanitised like raw HTML; `rehypeAfterSanitize` after the sanitiser and heading ids, trusted.
 */
export type PluginStage = 'remark' | 'rehype' | 'rehypeAfterSanitize'
export const PLUGIN_STAGES: readonly PluginStage[] = ['remark', 'rehype', 'rehypeAfterSanitize']

/** A unified attacher: called with its options, returns a transformer (or nothing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PluginFunction = Plugin<any[], any, any>

/** A plugin as a user names it: a module specifier (npm package or path) or the function, with its options. */
export type PluginEntry = string | PluginFunction | [string | PluginFunction, unknown?]
export type Plugins = Partial<Record<PluginStage, PluginEntry[]>>

/** A plugin found: the module to import (a file URL) or the function itself, and what identifies it. */
export interface ResolvedPlugin {
  stage: PluginStage
  /** As the user named it (package, path or function name): in messages. */
  name: string
  /** file: URL of the module whose default export is the plugin. */
  url?: string
  /** The function itself (library API); a build with one runs in this thread. */
  plugin?: PluginFunction
  options?: unknown
  /** For the cache: `name@version` of a package, else sha256 of the file or of the function's source. */
  version: string
}

export class PluginNotFound extends Error {
  constructor(
    readonly stage: PluginStage,
    readonly index: number,
    readonly specifier: string,
    cause: unknown
  ) {
    super(`Cannot find plugin \`${specifier}\`: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`)
  }
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

/** Every plugin in stage order, specifiers resolved from `from` (a folder: the config's, or the working directory). */
export function resolvePlugins(plugins: Plugins | readonly ResolvedPlugin[] | undefined, from: string): ResolvedPlugin[] {
  if (!plugins) return []
  if (Array.isArray(plugins)) return [...(plugins as readonly ResolvedPlugin[])]
  const resolved: ResolvedPlugin[] = []
  for (const stage of PLUGIN_STAGES) {
    ;((plugins as Plugins)[stage] ?? []).forEach((entry, index) => {
      const [target, options] = Array.isArray(entry) ? entry : [entry, undefined]
      if (typeof target === 'function') {
        resolved.push({ stage, name: target.name || 'anonymous plugin', plugin: target, options, version: sha256(String(target)) })
        return
      }
      let url: string
      try {
        url = target.startsWith('file:') ? target : resolveModule(target, pathToFileURL(path.join(from, '/')).href)
      } catch (error) {
        throw new PluginNotFound(stage, index, target, error)
      }
      resolved.push({ stage, name: target, url, options, version: versionOf(target, url) })
    })
  }
  return resolved
}

/** A package's name and version; a file of one's own by its bytes (a local plugin changes without a version). */
function versionOf(specifier: string, url: string): string {
  const file = fileURLToPath(url)
  const bare = !/^(\.{1,2}\/|\/|file:)/.test(specifier)
  if (bare) {
    for (let folder = path.dirname(file); folder !== path.dirname(folder); folder = path.dirname(folder)) {
      const manifest = path.join(folder, 'package.json')
      if (!existsSync(manifest)) continue
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string }
      if (name && version) return `${name}@${version}`
    }
  }
  return sha256(readFileSync(file))
}

/** What a plugin list is for the cache key: which plugins, in which order, at which version, with which options. */
export function pluginsKey(plugins: readonly ResolvedPlugin[]): unknown[] {
  return plugins.map(({ stage, name, version, options }) => [
    stage,
    name,
    version,
    JSON.stringify(options, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value)) ?? null
  ])
}

/** Whether the plugins can be sent to worker threads: named by module, with options that clone. */
export function pluginsCloneable(plugins: readonly ResolvedPlugin[]): boolean {
  if (plugins.some((plugin) => plugin.plugin)) return false
  try {
    structuredClone(plugins.map((plugin) => plugin.options))
    return true
  } catch {
    return false
  }
}
