/**
 * The linter (`npm run lint`, part of `npm test`). A small rule set, each rule catching a bug the
 * compiler does not: typescript-eslint's recommended-type-checked set flags hundreds of intended
 * patterns here (`!` after checked lookups, template literals of numbers), so it is not used whole.
 * Type-aware rules read tsconfig.json once (parserOptions.project), which keeps a full run fast.
 */
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'reports/**', 'src/report/html/*.js', '**/*.generated.ts', '*.config.*'] },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks },
    rules: {
      // A new union member (a finding kind, an event action, a state) must reach every switch on it.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // An unawaited promise loses its error (and its exit code) silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      // `any` switches the type checker off; the few places that need it say so.
      '@typescript-eslint/no-explicit-any': 'error',
      // Dead code and leftovers.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Hooks called in a fixed order, and effects that name what they read.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
);
