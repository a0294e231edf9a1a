import { expect, snapshot, test } from './serve-fixture'

const BUILTINS = [
  { id: 'builtin-record-lifecycle', steps: 6 },
  { id: 'builtin-when-things-go-wrong', steps: 6 }
]

test('both built-in scenarios pass against the built-in receiver, step by step', async ({
  app: page
}, testInfo) => {
  await page.getByTestId('center-view-scenarios').click()
  for (const { id, steps } of BUILTINS) {
    await page.getByTestId('scenario-select').selectOption(id)
    await page.getByTestId('scenario-run-all').click()
    await expect(page.getByTestId('scenario-summary')).toHaveText(
      `${steps} of ${steps} steps as expected.`,
      { timeout: 30_000 }
    )
    for (let i = 0; i < steps; i++) {
      await expect(page.getByTestId(`scenario-step-${i}`)).toHaveAttribute('data-state', 'pass')
    }
    await snapshot(page, testInfo, `run-all-${id}`)
  }
  // The receiver is back on the behaviour it had before the run.
  await expect(page.getByTestId('behavior-state')).toHaveText('Applied: Healthy')
})

test('presenter mode: large narration, the ProtocolError as the TrialKit user sees it', async ({
  app: page
}, testInfo) => {
  await page.getByTestId('center-view-scenarios').click()
  await page.getByTestId('scenario-select').selectOption('builtin-when-things-go-wrong')
  await page.getByTestId('scenario-present').click()
  const presenter = page.getByTestId('presenter')
  await expect(presenter).toBeVisible()
  await expect(page.getByTestId('presenter-count')).toHaveText('Step 1 of 6')

  await page.getByTestId('presenter-play').click()
  await expect(page.getByTestId('step-outcome')).toHaveAttribute('data-passed', 'true')
  await expect(page.getByTestId('presenter-saved')).toContainText('Record saved')

  // → three times: the server error step.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-title')).toHaveText('Server error')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('step-protocol-error')).toBeVisible()
  await expect(page.getByTestId('step-outcome')).toHaveAttribute('data-passed', 'true')
  await snapshot(page, testInfo, 'presenter-protocol-error')

  await page.keyboard.press('Escape')
  await expect(presenter).toHaveCount(0)
  await expect(page.getByTestId('behavior-state')).toHaveText('Applied: Healthy')
})

test('a scenario written in the form editor is saved, reads back as JSON, and runs', async ({
  app: page
}, testInfo) => {
  await page.getByTestId('center-view-scenarios').click()
  await page.getByTestId('scenario-new').click()
  const editor = page.getByTestId('scenario-editor')
  await expect(editor.getByTestId('scenario-editor-mode-form')).toHaveAttribute(
    'aria-checked',
    'true'
  )
  await editor.getByLabel('Name', { exact: true }).fill('Form-made')

  // Step 2 becomes a review at level 2 that still meets a server error.
  const second = editor.getByTestId('scenario-form-step-1')
  await second.getByLabel('Title', { exact: true }).fill('Level 2 meets a server error')
  await second.getByRole('radio', { name: 'Review' }).click()
  await second.getByRole('button', { name: 'Review level 2' }).click()

  // A third step, reset by the receiver, expecting what the form suggests.
  await editor.getByRole('button', { name: 'Add step' }).click()
  const third = editor.getByTestId('scenario-form-step-2')
  await expect(third.getByLabel('Title', { exact: true })).toBeFocused()
  await third.getByLabel('Title', { exact: true }).fill('The connection is reset')
  await third.getByLabel('Receiver behaviour').selectOption('Reset')
  await third.getByTestId('step-expect-likely').click()
  await expect(third.getByLabel('Kind')).toHaveValue('connection-reset')
  await snapshot(page, testInfo, 'scenario-form')

  await editor.getByTestId('scenario-editor-mode-json').click()
  const text = editor.getByTestId('scenario-editor-text')
  await expect(text).toHaveValue(/"preset": "Reset"/)
  await expect(text).toHaveValue(/"wf_status": 11/)
  await editor.getByTestId('scenario-editor-mode-form').click()
  await expect(editor.getByTestId('scenario-form-step-2')).toBeVisible()

  await editor.getByTestId('scenario-editor-save').click()
  await expect(editor).toHaveCount(0)
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText(
    'Form-made'
  )
  await page.getByTestId('scenario-run-all').click()
  await expect(page.getByTestId('scenario-summary')).toHaveText('3 of 3 steps as expected.', {
    timeout: 30_000
  })
})
