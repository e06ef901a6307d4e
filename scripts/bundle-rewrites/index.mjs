// What scripts/bundle.mjs rewrites in the dependencies it bundles, one rewrite a file (the list, with
// why and what pins each: docs/dependencies.md). The order does not matter: each touches one module.
// They apply to the bundle only; dist/index.js (the library) and tests from sources run the
// dependencies as published (decision 12).
import { lazyAes } from './lazy-aes.mjs'
import { englishZod } from './english-zod.mjs'
import { lazyBrotli } from './lazy-brotli.mjs'
import { nativeInflate } from './native-inflate.mjs'
import { unnamedVisits } from './unnamed-visits.mjs'

export const rewrites = [unnamedVisits, nativeInflate, lazyBrotli, lazyAes, englishZod]
