/** Architecture rules checked by `npm run deps:validate` (STYLE.md: libs/taxonomy stays pure). */
module.exports = {
  forbidden: [
    {
      name: 'taxonomy-is-pure',
      comment: 'libs/taxonomy imports nothing from NestJS, TypeORM, Kafka or any package: it is pure domain code.',
      severity: 'error',
      from: { path: '^libs/taxonomy' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'] },
    },
    {
      name: 'libs-do-not-import-app',
      comment: 'Libraries never reach into the app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
    {
      name: 'contracts-depend-on-canonicalize-only',
      comment: 'Contracts are shared with partners: the only package they use is the RFC 8785 canonicaliser.',
      severity: 'error',
      from: { path: '^libs/contracts' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional'], pathNot: 'node_modules/canonicalize/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
