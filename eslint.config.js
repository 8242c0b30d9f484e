// Import boundaries from ARCHITECTURE.md are enforced here, not left to review:
// core imports nothing else; only the composition root (cli/) picks adapters;
// collectors never import detectors.
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ['error', { patterns: patterns.map((group) => ({ group: [group], message: `boundary: ${group} may not be imported here (see ARCHITECTURE.md)` })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'ui/dist/**', 'node_modules/**', '.services/**', 'data/**', 'bin/**', 'scripts/**', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('**/adapters/**', '**/collectors/**', '**/detectors/**', '**/workflows/**', '**/api/**', '**/cli/**', '**/ui/**') },
  },
  {
    files: ['collectors/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('**/adapters/**', '**/detectors/**', '**/workflows/**', '**/api/**', '**/cli/**') },
  },
  {
    files: ['detectors/**/*.ts', 'workflows/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('**/adapters/**', '**/collectors/**', '**/api/**', '**/cli/**') },
  },
  {
    files: ['api/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('**/adapters/**', '**/cli/**') },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: { 'no-restricted-imports': restrict('**/collectors/**', '**/detectors/**', '**/workflows/**', '**/api/**', '**/cli/**') },
  },
);
