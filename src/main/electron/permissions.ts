import type { Session } from 'electron'

/**
 * Denies every permission (camera, microphone, geolocation, notifications, clipboard reads, USB,
 * …) to every page. Threat: content shown in the app is attacker-controlled; the app needs none
 * of these, so no prompt and no silent grant can ever happen. The one exception is full screen,
 * which presenter mode asks for from a key press: it reads nothing and Esc always leaves it.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'fullscreen')
  )
  session.setPermissionCheckHandler((_contents, permission) => permission === 'fullscreen')
}
