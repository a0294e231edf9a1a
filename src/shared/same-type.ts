/**
 * `true` only when A and B are the same type: a compile-time tie between a type written by hand
 * (in a module that must stay zod-free) and the schema it mirrors, so neither changes alone.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
