/**
 * The dependency rule of STYLE.md, enforced (test/architecture.test.ts runs this):
 * imports point inward — http/, jobs/ and cli/ → domain/ → storage/; modules
 * import each other only through their index.ts; database drivers and
 * Kysely stay in storage/ and *.repo.ts files; main.ts alone sees everything.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-not-outward',
      severity: 'error',
      comment: 'The domain knows nothing of HTTP, jobs, the CLI or the composition root.',
      from: { path: '^src/domain/' },
      to: { path: ['^src/http/', '^src/jobs/', '^src/cli/', '^src/main\\.ts$', 'node_modules/(fastify|@fastify)/'] },
    },
    {
      name: 'storage-not-outward',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: ['^src/domain/', '^src/http/', '^src/jobs/', '^src/cli/'] },
    },
    {
      name: 'drivers-only-in-storage-and-repos',
      severity: 'error',
      comment: 'SQL lives in repository functions; services and routes never import a driver.',
      from: { path: '^src/', pathNot: ['^src/storage/', '[.]repo[.]ts$', '[.]repo[.](sqlite|postgres)[.]ts$'] },
      to: { path: 'node_modules/(kysely|pg|better-sqlite3)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment: 'A domain module is entered through its index.ts only.',
      from: { path: '^src/domain/([^/]+)/' },
      to: { path: '^src/domain/([^/]+)/', pathNot: ['^src/domain/$1/', '^src/domain/[^/]+/index\\.ts$', '^src/domain/shared/'] },
    },
    {
      name: 'http-not-jobs-or-cli',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/jobs/', '^src/cli/', '^src/storage/(?!index\\.ts$)'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.tsx?$' },
  },
};
