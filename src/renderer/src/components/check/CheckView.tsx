/** The "Check endpoint" view: runs the readiness check and shows its checklist. */
export function CheckView() {
  return (
    <div className="panel" data-testid="check-view">
      <header className="panel-head">
        <h2>Check endpoint</h2>
      </header>
    </div>
  )
}
