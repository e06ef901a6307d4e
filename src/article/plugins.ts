import type { VFile } from 'vfile'
import type { PluginFunction, PluginStage, ResolvedPlugin } from '../common/plugins.js'

/** A user's plugin ready for `processor.use`: its attacher wrapped so that what it says and throws is named. */
export interface LoadedPlugin {
  stage: PluginStage
  name: string
  attacher: PluginFunction
  options?: unknown
}

/** A plugin that threw: fails its article alone, with the plugin's name. */
export class PluginFault extends Error {
  constructor(
    readonly plugin: string,
    readonly error: unknown
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error })
  }
}

// Each module once per thread (a worker keeps them between articles).
const modules = new Map<string, Promise<PluginFunction>>()

/** Import every plugin named by module (a plugin that cannot be imported is a fault of its own). */
export async function loadPlugins(plugins: readonly ResolvedPlugin[]): Promise<LoadedPlugin[]> {
  return Promise.all(
    plugins.map(async ({ stage, name, url, plugin, options }) => {
      let attacher = plugin
      if (!attacher) {
        let promise = modules.get(url!)
        if (!promise) modules.set(url!, (promise = importPlugin(name, url!)))
        attacher = await promise
      }
      return { stage, name, attacher: named(name, attacher), options }
    })
  )
}

async function importPlugin(name: string, url: string): Promise<PluginFunction> {
  let exported: unknown
  try {
    exported = ((await import(url)) as { default?: unknown }).default
  } catch (error) {
    throw new PluginFault(name, error)
  }
  if (typeof exported !== 'function') throw new PluginFault(name, new Error('its module has no default export that is a function'))
  return exported as PluginFunction
}

type Next = (error?: unknown, tree?: unknown) => void

/**
 * The attacher and its transformer, wrapped: an error either throws becomes a PluginFault with the
 * plugin's name, and a message it leaves without a rule is given the plugin's name as its rule.
 */
function named(name: string, attacher: PluginFunction): PluginFunction {
  return function (this: unknown, ...parameters: unknown[]) {
    let transformer: unknown
    try {
      transformer = (attacher as (...args: unknown[]) => unknown).apply(this, parameters)
    } catch (error) {
      throw new PluginFault(name, error)
    }
    if (typeof transformer !== 'function') return transformer
    const transform = transformer as (...args: unknown[]) => unknown
    // Three parameters: unified passes a callback, whatever form the plugin's own transformer has.
    return function (this: unknown, tree: unknown, file: VFile, next: Next) {
      const before = file.messages.length
      const done: Next = (error, result) => {
        for (const message of file.messages.slice(before)) {
          message.ruleId ??= name
          message.source ??= name
        }
        if (error) next(new PluginFault(name, error))
        else next(undefined, result)
      }
      try {
        if (transform.length >= 3) {
          transform.call(this, tree, file, done)
          return
        }
        const result = transform.call(this, tree, file)
        if (result && typeof (result as Promise<unknown>).then === 'function')
          (result as Promise<unknown>).then((value) => done(undefined, value), done)
        else done(undefined, result)
      } catch (error) {
        done(error)
      }
    }
  } as PluginFunction
}
