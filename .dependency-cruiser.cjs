// The layers of src/ and the one direction imports go (docs/architecture.md). `npm test` runs
// `npm run lint:deps`, which fails on a cycle or on an import against this order:
//
//   cli → build → render → article → common          (html ← epub: the book is built on the page)
//   render/pdf: index → convert → keep → flow → inline → ink → fonts   (theme.ts, state.ts: shared)
//
// Type-only imports may point anywhere (state.ts names the types of every layer); code may not.
const runtime = { dependencyTypesNot: ['type-only'] }

/** A rule forbidding `from` (a path pattern) to import any of `to`. */
const below = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to, ...runtime } })

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'Modules that import each other at run time: split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: runtime }
    },
    below('common-is-the-ground', '^src/common/', '^src/(article|render|build|cli)/', 'common/ serves every layer and depends on none.'),
    below('article-before-render', '^src/article/', '^src/(render|build|cli)/', 'The parse knows nothing of formats or builds.'),
    below('render-before-build', '^src/render/', '^src/(build|cli)/', 'Renderers take an Article; they do not know about builds.'),
    below('build-before-cli', '^src/build/', '^src/cli/', 'The CLI is a shell over build(); build() never calls back into it.'),
    below('html-knows-no-book', '^src/render/html/', '^src/render/(epub|pdf)/', 'The page is the base the EPUB builds on.'),
    below('pdf-alone', '^src/render/pdf/', '^src/render/(html|epub)/', 'The PDF renderer stands on its own.'),
    below('epub-no-pdf', '^src/render/epub/', '^src/render/pdf/', "The EPUB is made of the HTML renderer's output."),
    below(
      'convert-above-index',
      '^src/render/pdf/(convert|keep|flow|inline|ink|fonts)/',
      '^src/render/pdf/index\\.ts$',
      'index.ts assembles the renderer.'
    ),
    below('keep-below-convert', '^src/render/pdf/keep/', '^src/render/pdf/convert/', 'Keeps measure; they do not convert elements.'),
    below(
      'flow-below-keep',
      '^src/render/pdf/flow/',
      '^src/render/pdf/(convert|keep)/',
      'Flow places blocks; it does not decide what they are.'
    ),
    below('inline-below-flow', '^src/render/pdf/inline/', '^src/render/pdf/(convert|keep|flow)/', 'Line breaking knows nothing of pages.'),
    below('ink-below-inline', '^src/render/pdf/ink/', '^src/render/pdf/(convert|keep|flow|inline)/', 'Ink only draws what it is given.'),
    below(
      'fonts-at-the-bottom',
      '^src/render/pdf/fonts/',
      '^src/render/pdf/(convert|keep|flow|inline|ink)/',
      'Fonts: catalog, shaping, subsetting; no layout.'
    )
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' }
  }
}
