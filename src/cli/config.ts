import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { VFile } from 'vfile'
import { z } from 'zod'
import { FORMATS, type BuildOptions } from '../common/options.js'
import { positioned, readFields } from '../common/validate.js'
import { PLUGIN_STAGES, PluginNotFound, resolvePlugins, type PluginFunction, type ResolvedPlugin } from '../common/plugins.js'

// A plugin: a module specifier (npm package, or a path relative to the config) or, in a .mjs/.js
// config, the function itself; alone or with its options.
const pluginTarget = z.union([z.string().min(1), z.custom<PluginFunction>((value) => typeof value === 'function', 'expected a function')])
const pluginEntry = z.union([pluginTarget, z.tuple([pluginTarget]), z.tuple([pluginTarget, z.unknown()])], {
  error: 'expected a module name or path, or [name, options]'
})

/** `quire.config.json` (or `.js`/`.mjs` exporting the same object as default): build-wide defaults. */
export const configSchema = z.object({
  inputs: z.array(z.string().min(1)).min(1, 'expected at least one input').optional(),
  out: z.string().min(1).optional(),
  formats: z
    .array(z.enum(FORMATS as [string, ...string[]]))
    .min(1, 'expected at least one format')
    .optional(),
  templates: z.string().min(1).optional(),
  author: z.string().trim().min(1).optional(),
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as en-GB')
    .optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  pageSize: z.enum(['A4', 'A5', 'Letter', 'Legal']).optional(),
  typography: z.boolean().optional(),
  strict: z.boolean().optional(),
  jobs: z.number().int().min(1).max(64).optional(),
  limits: z
    .object({
      articleBytes: z.number().int().positive().optional(),
      imagePixels: z.number().int().positive().optional(),
      nestingDepth: z.number().int().min(1).max(1000).optional(),
      tableCells: z.number().int().positive().optional()
    })
    .strict()
    .optional(),
  plugins: z
    .object(
      Object.fromEntries(PLUGIN_STAGES.map((stage) => [stage, z.array(pluginEntry).optional()])) as Record<
        (typeof PLUGIN_STAGES)[number],
        z.ZodOptional<z.ZodArray<typeof pluginEntry>>
      >
    )
    .strict()
    .optional()
})

export type Config = z.infer<typeof configSchema>
/** The config as the build takes it: paths absolute, plugins found. */
export type LoadedConfig = Omit<Partial<Config>, 'plugins'> & { plugins?: ResolvedPlugin[] }
export const CONFIG_FILES = ['quire.config.json', 'quire.config.mjs', 'quire.config.js']

/**
 * Find and read the config: the file named, else the first of CONFIG_FILES in `cwd`, else none.
 * Problems are positioned messages on the returned file; a fatal one means the build must not start.
 */
export async function loadConfig(cwd: string, named?: string): Promise<{ config: LoadedConfig; file?: VFile }> {
  const found = named
    ? path.resolve(cwd, named)
    : CONFIG_FILES.map((name) => path.join(cwd, name)).find((candidate) => existsSync(candidate))
  if (!found) return { config: {} }
  const file = new VFile({ path: path.relative(cwd, found) || found, cwd })
  if (!existsSync(found)) {
    file.message('Cannot find config file', { ruleId: 'config-missing', source: 'quire' }).fatal = true
    return { config: {}, file }
  }
  let config: Partial<Config>
  if (found.endsWith('.json')) {
    file.value = readFileSync(found, 'utf8')
    config = readFields(file, String(file.value), { line: 1, column: 1 }, configSchema, { label: 'config', rule: 'config' })
  } else {
    const exported = ((await import(pathToFileURL(found).href)) as { default?: unknown }).default
    const result = configSchema.strict().safeParse(exported)
    if (!result.success) {
      for (const issue of result.error.issues) {
        file.message(`Invalid config field \`${issue.path.map(String).join('.')}\`: ${issue.message}`, {
          ruleId: 'config-field',
          source: 'quire'
        }).fatal = true
      }
      return { config: {}, file }
    }
    config = result.data
  }
  // Paths in the config are relative to the config file, wherever quire runs from.
  const base = path.dirname(found)
  const relative = (value: string | undefined) => (value === undefined ? undefined : path.resolve(base, value))
  // Plugins are found from the config's folder, as its other paths are.
  let plugins
  try {
    plugins = config.plugins ? resolvePlugins(config.plugins, base) : undefined
  } catch (error) {
    if (!(error instanceof PluginNotFound)) throw error
    const place = typeof file.value === 'string' ? positioned(file.value).placeOf(['plugins', error.stage, error.index]) : undefined
    file.message(error.message, { place, ruleId: 'config-plugin', source: 'quire' }).fatal = true
    return { config: {}, file }
  }
  return {
    config: {
      ...config,
      plugins,
      out: relative(config.out),
      templates: relative(config.templates),
      inputs: config.inputs?.map((input) => path.resolve(base, input))
    },
    file
  }
}

/** Command-line flags win over the config; the config wins over Quire's defaults. */
export function mergeConfig(config: LoadedConfig, flags: BuildOptions): BuildOptions {
  const defined = Object.fromEntries(
    Object.entries(flags).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
  )
  const { strict: _strict, jobs: _jobs, ...fromConfig } = config
  return { ...fromConfig, ...defined } as BuildOptions
}
