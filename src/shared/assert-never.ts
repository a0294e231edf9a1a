/**
 * The end of an exhaustive switch: a value the switch does not handle fails the typecheck here,
 * and one that slips past the types at run time (bad data from outside) throws instead of being
 * silently treated like some other case.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`)
}
