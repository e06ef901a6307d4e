#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { Command, InvalidArgumentError, Option } from 'commander'
import { build } from './build.js'
import { FORMATS, type Format } from './options.js'
import { count, report } from './report.js'

// A thin shell: arguments → options → build(); prints the report and sets the exit code.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean)
  const unknown = formats.filter((name) => !(FORMATS as readonly string[]).includes(name))
  if (unknown.length > 0 || formats.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${FORMATS.join(', ')}`)
  return formats as Format[]
}

const program = new Command('quire')
  .description('Markdown articles to HTML, PDF and EPUB 3, from one parse.')
  .version(version)
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2)
  })

program
  .command('build')
  .description('build every article into --out: <slug>.html, <slug>.pdf, <slug>.epub')
  .argument('[inputs...]', 'Markdown files or folders', ['content'])
  .option('-o, --out <dir>', 'output folder', 'out')
  .option('-f, --format <list>', `formats to write, comma-separated (${FORMATS.join(',')})`, parseFormats)
  .addOption(new Option('--page-size <size>', 'PDF page size when front matter gives none').choices(['A4', 'A5', 'Letter', 'Legal']).default('A4'))
  .option('--lang <tag>', 'language when front matter gives none', 'en')
  .option('--base-url <url>', 'public URL of the output folder, for canonical links and Open Graph tags')
  .option('-q, --quiet', 'print errors only')
  .action(async (inputs: string[], flags: { out: string; format?: Format[]; pageSize?: string; lang: string; baseUrl?: string; quiet?: boolean }) => {
    const started = process.hrtime.bigint()
    const result = await build({ inputs, out: flags.out, formats: flags.format, pageSize: flags.pageSize, lang: flags.lang, baseUrl: flags.baseUrl })
    const files = [...result.problems, ...result.articles.map((article) => article.file)]
    const text = report(files, { quiet: flags.quiet === true })
    if (text) process.stderr.write(text + '\n')
    const written = result.articles.reduce((sum, article) => sum + article.outputs.length, 0)
    const failed = result.articles.filter((article) => article.failed).length
    const { errors, warnings } = count(files)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (!flags.quiet || result.failed) {
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
      process.stderr.write(`${plural(result.articles.length, 'article')} (${failed} failed), ${plural(written, 'file')} in ${flags.out}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${seconds.toFixed(2)} s)\n`)
    }
    process.exitCode = result.failed ? 1 : 0
  })

await program.parseAsync(process.argv)
