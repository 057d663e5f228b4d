/*
 * `node -r ./scripts/register.js file.ts`: run a TypeScript script or bench directly — ts-node
 * transpiles (no type-check: `npm run typecheck` does that) and the repository's import aliases
 * (@core/…, @panel/…; scripts/aliases.js) resolve.
 */
'use strict';

require('ts-node').register({ transpileOnly: true });
require('./aliases').installAliases();
