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

1. Change this article, then run \`npx quire build\`.
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
    cpSync(DEFAULT_TEMPLATES, path.join(folder, 'templates'), { recursive: true })
    created.push('templates/')
  }
  return created
}
