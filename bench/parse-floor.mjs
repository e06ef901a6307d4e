// The floor: read and parse every file with the same remark plugins Quire parses with, in one
// process and one thread, and nothing else (no transforms, no rendering, no writing). Any build
// of these files costs at least this much. Run by run.mjs under GNU time; usable alone too:
//   node bench/parse-floor.mjs --list FILE   (FILE: one Markdown path per line)
//   node bench/parse-floor.mjs a.md b.md …

import fs from 'node:fs'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

function inputFiles(argv) {
  const at = argv.indexOf('--list')
  if (at === -1) return argv
  return fs
    .readFileSync(argv[at + 1], 'utf8')
    .split('\n')
    .filter(Boolean)
}

// One processor for every file, as a long-running build would keep one.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

let nodes = 0
let bytes = 0
const countNodes = (node) => 1 + (node.children ?? []).reduce((sum, child) => sum + countNodes(child), 0)
for (const file of inputFiles(process.argv.slice(2))) {
  const text = fs.readFileSync(file, 'utf8')
  bytes += Buffer.byteLength(text)
  // Counting the nodes keeps the trees in use, so the parse cannot be skipped as dead code.
  nodes += countNodes(processor.parse(text))
}
process.stdout.write(JSON.stringify({ bytes, nodes }) + '\n')
