/** The scenario runner: built-in and saved scenarios, step by step or all at once. */
export function ScenariosView() {
  return (
    <div className="panel" data-testid="scenarios-view">
      <header className="panel-head">
        <h2>Scenarios</h2>
      </header>
    </div>
  )
}
