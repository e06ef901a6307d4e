import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DEFAULT_TEMPLATES } from '../common/options.js'

const WELCOME = `---
title: Welcome to Quire
author: Your Name
date: 2026-01-01
lang: en
description: A first article, to show what Quire makes of Markdown.
---

Write in Markdown. Each article in \`content/\` becomes a web page, a PDF and an EPUB book in \`out/\`.

## Next steps

1. Change this article, then run \`npx --no-install quire build\`.
2. Set your name and language in \`quire.config.json\`.
3. Adjust \`templates/html/style.css\` or \`templates/pdf-theme.json\` to change the look.
`

const CONFIG = {
  inputs: ['content'],
  out: 'out',
  formats: ['html', 'pdf', 'epub'],
  templates: 'templates',
  author: 'Your Name',
  lang: 'en',
  pageSize: 'A4'
}

/**
 * The PDF theme `quire init` writes: a few keys over Quire's own theme, which gives every other, so a
 * later version's new keys reach the project. The values are the default's: the PDF looks the same.
 */
const THEME = {
  $comment:
    "The PDF theme. It extends Quire's own (node_modules/quire-md/templates/pdf-theme.json, every key with its value): set here only what you change. Sizes in points, colours as #rrggbb; a key falls back from the specific to the general (heading_h2_font_size, heading_font_size, base_font_size).",
  extends: 'default',
  base_font_family: 'serif',
  base_font_size: 10.5,
  heading_font_family: 'sans',
  link_font_color: '#1a55a8'
}

/** Scaffold a Quire project in `folder`: never overwrites a file; returns what it created. */
export function init(folder: string): string[] {
  const created: string[] = []
  const write = (name: string, text: string) => {
    const file = path.join(folder, name)
    if (existsSync(file)) return
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
    created.push(name)
  }
  write('content/welcome.md', WELCOME)
  write('quire.config.json', JSON.stringify(CONFIG, null, 2) + '\n')
  if (!existsSync(path.join(folder, 'templates'))) {
    // The style sheets are copied (CSS is taken whole); the theme is a small one that extends Quire's.
    cpSync(DEFAULT_TEMPLATES, path.join(folder, 'templates'), {
      recursive: true,
      filter: (source) => path.basename(source) !== 'pdf-theme.json'
    })
    writeFileSync(path.join(folder, 'templates/pdf-theme.json'), JSON.stringify(THEME, null, 2) + '\n')
    created.push('templates/')
  }
  return created
}
