#!/usr/bin/env node
import module from 'node:module'

// The `quire` command's first module: where Node has a compile cache (22.1 and later), the compiled
// code of Quire's modules is kept on disk (in the system's temporary folder, or NODE_COMPILE_CACHE)
// before any of them loads, so a later start reads it instead of compiling its ~3 MB again. Outputs do
// not depend on it. Then the command itself.
const cache = (module as { enableCompileCache?: () => { directory?: string } }).enableCompileCache?.()
// Worker threads compile the renderers again: they find the same folder through the environment.
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory
await import('./index.js')
