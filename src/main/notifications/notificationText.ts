// Notification text as the OS will show it. On Linux the notification daemon may interpret the
// body as markup (the freedesktop spec's "body-markup" capability: GNOME Shell, KDE, dunst, mako
// with markup on), so a message body "<a href=…>" or "<img src=…>" from another user would be
// rendered as a link or fetch an image. Escaping makes it plain text everywhere; daemons without
// markup show the entities decoded or as-is, which is harmless. Other platforms take plain text.
export function notificationText(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
