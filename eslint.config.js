import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'infra/cdk.out/**',
      '.coffer/**',
      'coverage/**',
      'portal/dist/**',
      'api-client/src/schema.ts',
      'cli/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Hono's `c.var` builds a new object of every request variable on each read; `c.get()` does not.
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='c'][property.name='var']",
          message: "Read request variables with c.get('name'): c.var copies them all on every access.",
        },
      ],
    },
  },
  {
    // Domain code must not depend on HTTP frameworks or AWS SDKs (see ARCHITECTURE.md).
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'hono',
            'hono/*',
            '@hono/*',
            '@aws-sdk/*',
            'dynalite',
            '../adapters/*',
            '../../adapters/*',
          ],
        },
      ],
    },
  },
);
