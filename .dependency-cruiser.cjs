// The house rule (ARCHITECTURE.md), checked by `npm test`: imports flow one way,
//   cli -> ui -> picker -> {credentials, sso, console, server, shell, profiles, keys} -> aws -> config,
// the rooms of one layer may use each other but never in a circle, the emulator serves only the demo and
// the tests, and the AWS SDK and React/Ink stay in their rooms. Type-only imports count too.
const LAYERS = [
  ['cli'],
  ['ui'],
  ['picker'],
  ['credentials', 'sso', 'console', 'server', 'shell', 'profiles', 'keys'],
  ['aws'],
  ['config'],
];
const room = (names) => `^src/(${names.join('|')})/`;
const upward = LAYERS.flatMap((layer, i) =>
  i === 0
    ? []
    : [
        {
          name: `layer-${layer.join('-')}`,
          comment: `${layer.join(', ')} may not import a layer above it (${LAYERS.slice(0, i).flat().join(', ')})`,
          severity: 'error',
          from: { path: room(layer) },
          to: { path: room(LAYERS.slice(0, i).flat()) },
        },
      ],
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle makes two modules one: split out what both need',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    {
      name: 'aws-through-the-rooms',
      comment:
        'the command line, the UI and the picker reach AWS through the rooms of the domain, never src/aws itself',
      severity: 'error',
      from: { path: room(['cli', 'ui', 'picker']) },
      to: { path: '^src/aws/' },
    },
    {
      name: 'commands-stand-alone',
      comment: 'a command does not import another command: what two share moves to a module both import',
      severity: 'error',
      from: { path: '^src/cli/commands/' },
      to: { path: '^src/cli/commands/' },
    },
    {
      name: 'emulator-only-for-demo-and-tests',
      comment: "the emulator is the demo's and the tests' fake AWS: only `awsx demo` loads it",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/emulator/', '^src/cli/commands/demo\\.ts$'] },
      to: { path: '^src/emulator/' },
    },
    {
      name: 'emulator-stands-alone',
      comment: "the emulator is built from AWS's documented behaviour, never from awsx's own code",
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: ['^src/emulator/', '^src/config/clock\\.ts$'] },
    },
    {
      name: 'aws-sdk-only-in-aws',
      comment: 'src/aws is the only place that imports @aws-sdk/* (and @smithy/*)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/aws/' },
      to: { path: 'node_modules/(@aws-sdk|@smithy)/' },
    },
    {
      name: 'react-only-in-ui',
      comment: 'React and Ink live in src/ui',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/ui/' },
      to: { path: 'node_modules/(react|ink|react-reconciler)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
