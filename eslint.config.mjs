import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'

const electronImport = {
  paths: [
    {
      name: 'electron',
      message: 'Only src/main/index.ts, src/main/electron/ and src/preload/ may import electron.'
    }
  ],
  patterns: [
    {
      group: ['electron/*'],
      message: 'Only src/main/index.ts, src/main/electron/ and src/preload/ may import electron.'
    }
  ]
}

/** Code outside the engine reaches it through src/main/engine/index.ts only. */
const engineInternals = {
  group: ['**/engine/*', '!**/engine/index'],
  message: 'Import the engine from its entry (src/main/engine/index.ts), not its internals.'
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'reports/**',
      '.stryker-tmp/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly'
      }
    },
    rules: {
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-console': 'error',
      'no-restricted-imports': ['error', electronImport],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    files: ['src/main/index.ts', 'src/main/electron/**', 'src/preload/**', 'test/electron/**'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: [
      'src/renderer/**/*.{ts,tsx}',
      'test/component/**/*.{ts,tsx}',
      'test/helpers/render-app.tsx'
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error'
    }
  },
  {
    // Components and hooks reach the engine one way: through the store's slices.
    files: [
      'src/renderer/src/components/**',
      'src/renderer/src/hooks/**',
      'src/renderer/src/App.tsx'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronImport,
          patterns: [
            ...electronImport.patterns,
            {
              group: ['**/bridge/*'],
              message: "Reach the engine through the store's slices (src/renderer/src/store/)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/cli/**', 'src/main/web/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronImport, patterns: [...electronImport.patterns, engineInternals] }
      ]
    }
  },
  {
    files: ['src/main/index.ts', 'src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineInternals] }] }
  },
  {
    files: ['src/main/cli/**', 'bin/**', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' }
  },
  prettier
)
