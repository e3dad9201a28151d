// typescript-eslint's recommended type-checked rules over src, test and scripts (npm test runs it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench-tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // keep disableTypeChecked's parserOptions (no project service for plain JavaScript): a bare
      // languageOptions here would replace them
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  // typescript-eslint's base config makes every file a module; .cjs files are CommonJS (module, require)
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Prettier keeps code within 120 columns but leaves long strings and comments alone: this rule holds them too.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-len': ['error', { code: 120 }] },
  },
  {
    // The rooms, the UI and the emulators read the time only through the clock handed down to them
    // (src/config/clock.ts): the command line or the demo hands down the machine's, a test its own.
    files: [
      'src/{ui,picker,credentials,keys,sso,console,server,shell,profiles,emulator}/**/*.{ts,tsx}',
      'src/config/file-lock.ts',
      'src/aws/expiry.ts',
      'src/aws/signin.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'read the time from the injected Clock (src/config/clock.ts)' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'read the time from the injected Clock (src/config/clock.ts)',
        },
      ],
    },
  },
);
