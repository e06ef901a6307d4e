import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { watch as chokidar } from 'chokidar'
import { build, type BuildResult } from '../build/index.js'
import type { BuildOptions } from '../common/options.js'

export interface Watching {
  /** The folders and files watched, as given. */
  watched: string[]
  close: () => Promise<void>
}

/**
 * Build, then build again after every change to the inputs or the templates: a saved, added or deleted
 * article, an image, a book file. Unchanged articles come from the cache; a deleted article's files are removed.
 * Missing inputs are reported by the build like any other and watched until they appear.
 */
export async function watch(options: BuildOptions, done: (result: BuildResult, started: bigint) => void): Promise<Watching> {
  const cwd = options.cwd ?? process.cwd()
  const out = path.resolve(cwd, options.out ?? 'out')
  const cache = path.resolve(cwd, options.cacheDir ?? '.quire-cache')
  let previous: BuildResult | undefined
  const run = async () => {
    const started = process.hrtime.bigint()
    const result = await build(options)
    // An article no longer among the inputs (deleted, renamed) leaves no file behind.
    const sources = new Set(result.articles.map((article) => article.source))
    for (const article of previous?.articles ?? [])
      if (!sources.has(article.source)) await Promise.all(article.outputs.map((output) => rm(output.path, { force: true })))
    // So does a book whose book file is gone.
    const books = new Set(result.books.map((book) => book.source))
    for (const book of previous?.books ?? [])
      if (!books.has(book.source)) await Promise.all(book.outputs.map((output) => rm(output.path, { force: true })))
    previous = result
    done(result, started)
  }
  await run()

  const watched = [...(options.inputs && options.inputs.length > 0 ? options.inputs : ['content']), options.templates].filter(
    (folder): folder is string => Boolean(folder)
  )
  const ignored = (file: string) => file === out || file.startsWith(out + path.sep) || file === cache || file.startsWith(cache + path.sep)
  const targets = watched.map((folder) => path.resolve(cwd, folder))
  let timer: NodeJS.Timeout | undefined
  let running = Promise.resolve()
  // Many events come together (a save, a checkout): one build after they settle.
  const rebuild = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(run)
    }, 150)
  }
  // chokidar follows editors' atomic saves (write a temporary, rename it over the file) as one change.
  const watcher = chokidar(
    targets.filter((target) => existsSync(target)),
    { ignoreInitial: true, atomic: true, ignored }
  )
  watcher.on('all', rebuild)
  // An input that does not exist yet: its nearest folder that does is looked at, one level deep, until it appears.
  let missing = targets.filter((target) => !existsSync(target))
  const lookout = chokidar([...new Set(missing.map(nearestExisting))], { ignoreInitial: true, depth: 0, ignored })
  lookout.on('all', () => {
    for (const target of missing.filter((target) => existsSync(target))) watcher.add(target)
    missing = missing.filter((target) => !existsSync(target))
    lookout.add([...new Set(missing.map(nearestExisting))])
    rebuild()
  })
  // A watcher given no path never says it is ready.
  const ready = (each: typeof watcher, paths: string[]) =>
    paths.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => each.once('ready', () => resolve()))
  await Promise.all([
    ready(
      watcher,
      targets.filter((target) => !missing.includes(target))
    ),
    ready(lookout, missing)
  ])
  return {
    watched,
    close: async () => {
      clearTimeout(timer)
      await Promise.all([watcher.close(), lookout.close()])
      await running
    }
  }
}

/** The nearest folder above a path that does not exist (the path itself when it does). */
function nearestExisting(target: string): string {
  let folder = target
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder)
  return folder
}
