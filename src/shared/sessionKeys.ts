// Keychain entry names both processes need: the renderer writes the session, main asks whether one
// exists (an SSO callback must not reload the window of someone signed in).
export const MATRIX_SESSION_SECRET_KEY = 'matrix-session';
