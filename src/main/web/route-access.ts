/**
 * How a route is reached: `bearer` needs `Authorization: Bearer <token>`; `bearer-or-query` also
 * takes `?token=` (EventSource cannot set headers); `public` (the UI's files) needs no token.
 * Host and Origin checks apply to every route regardless.
 */
export type RouteAccess = 'bearer' | 'bearer-or-query' | 'public'

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
}
