import type { Session } from 'electron'

/**
 * Denies every permission (camera, microphone, geolocation, notifications, clipboard reads, USB,
 * …) to every page. Threat: content shown in the app is attacker-controlled; the app needs none
 * of these, so no prompt and no silent grant can ever happen.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
