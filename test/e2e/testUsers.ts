export const TEST_USERS = {
  alice: { username: 'alice', password: 'correct horse battery staple' },
  bob: { username: 'bob', password: 'bob-has-a-long-password-1' },
  carol: { username: 'carol', password: 'carol-password-for-tests' },
  dave: { username: 'dave', password: 'dave-password-for-tests' },
  erin: { username: 'erin', password: 'erin-password-for-tests' },
  frank: { username: 'frank', password: 'frank-password-for-tests' },
  grace: { username: 'grace', password: 'grace-password-for-tests' },
  heidi: { username: 'heidi', password: 'heidi-password-for-tests' },
  ivan: { username: 'ivan', password: 'ivan-password-for-tests' },
  judy: { username: 'judy', password: 'judy-password-for-tests' },
  kim: { username: 'kim', password: 'kim-password-for-tests' },
  leo: { username: 'leo', password: 'leo-password-for-tests' },
  nina: { username: 'nina', password: 'nina-password-for-tests' },
  oscar: { username: 'oscar', password: 'oscar-password-for-tests' },
  paul: { username: 'paul', password: 'paul-password-for-tests' },
  // slidingsync.spec.ts: an account with many rooms, and the people it talks to.
  olivia: { username: 'olivia', password: 'olivia-password-for-tests' },
  pablo: { username: 'pablo', password: 'pablo-password-for-tests' },
  quinn: { username: 'quinn', password: 'quinn-password-for-tests' },
  // Calls: two callers, someone removed from the room, and the egress check.
  peggy: { username: 'peggy', password: 'peggy-password-for-tests' },
  trent: { username: 'trent', password: 'trent-password-for-tests' },
  victor: { username: 'victor', password: 'victor-password-for-tests' },
  // call-trust.spec.ts: an admin who kicks and bans during a call, and the members removed.
  walter: { username: 'walter', password: 'walter-password-for-tests' },
  xena: { username: 'xena', password: 'xena-password-for-tests' },
  yann: { username: 'yann', password: 'yann-password-for-tests' },
  // diagnostics.spec.ts
  zoe: { username: 'zoe', password: 'zoe-password-for-tests' },
  // timeline-order.spec.ts: an inviter, and the person invited who signs in afresh to read.
  rupert: { username: 'rupert', password: 'rupert-password-for-tests' },
  sybil: { username: 'sybil', password: 'sybil-password-for-tests' },
  // reflow.spec.ts: the shell at phone width, 800×600 and desktop size.
  ursula: { username: 'ursula', password: 'ursula-password-for-tests' },
  // keyboard.spec.ts: someone moving by keyboard, and someone writing to them.
  vera: { username: 'vera', password: 'vera-password-for-tests' },
  wendy: { username: 'wendy', password: 'wendy-password-for-tests' },
  // drafts.spec.ts: the writer, and someone whose message is replied to.
  xavier: { username: 'xavier', password: 'xavier-password-for-tests' },
  zelie: { username: 'zelie', password: 'zelie-password-for-tests' },
  // message-actions.spec.ts
  amelie: { username: 'amelie', password: 'amelie-password-for-tests' },
  // message-actions.spec.ts: someone else writing in Amélie's room, and the French-speaking reader.
  noor: { username: 'noor', password: 'noor-password-for-tests' },
  maelys: { username: 'maelys', password: 'maelys-password-for-tests' },
  // search.spec.ts
  yvette: { username: 'yvette', password: 'yvette-password-for-tests' },
  // timeline-ux.spec.ts: someone who writes (through the API), and the reader signed in to the app.
  tomas: { username: 'tomas', password: 'tomas-password-for-tests' },
  uma: { username: 'uma', password: 'uma-password-for-tests' },
  // unread.spec.ts: the reader, and the colleague writing to her.
  ulla: { username: 'ulla', password: 'ulla-password-for-tests' },
  felix: { username: 'felix', password: 'felix-password-for-tests' },
  // people.spec.ts: someone looking for colleagues by name, and the colleagues (names set by the test).
  bastien: { username: 'bastien', password: 'bastien-password-for-tests' },
  jules: { username: 'jules', password: 'jules-password-for-tests' },
  julie: { username: 'julie', password: 'julie-password-for-tests' },
  capucine: { username: 'capucine', password: 'capucine-password-for-tests' },
  // confirmations.spec.ts: someone leaving rooms, a colleague staying, and someone signing out without key backup.
  lina: { username: 'lina', password: 'lina-password-for-tests' },
  marc: { username: 'marc', password: 'marc-password-for-tests' },
  norbert: { username: 'norbert', password: 'norbert-password-for-tests' },
  // threads.spec.ts: someone who starts threads, and someone who replies in them.
  thea: { username: 'thea', password: 'thea-password-for-tests' },
  thibault: { username: 'thibault', password: 'thibault-password-for-tests' },
  // composer.spec.ts: the writer, in English and in French.
  celine: { username: 'celine', password: 'celine-password-for-tests' },
  damien: { username: 'damien', password: 'damien-password-for-tests' },
  // account.spec.ts: someone changing their profile and managing their sessions.
  odile: { username: 'odile', password: 'odile-password-for-tests' },
  pierre: { username: 'pierre', password: 'pierre-password-for-tests' },
  // room-settings.spec.ts: a room's admin, and a member without the power to change its settings.
  rosalie: { username: 'rosalie', password: 'rosalie-password-for-tests' },
  modeste: { username: 'modeste', password: 'modeste-password-for-tests' },
  // explore.spec.ts: someone finding and joining public rooms, and the person who published them.
  edgar: { username: 'edgar', password: 'edgar-password-for-tests' },
  publia: { username: 'publia', password: 'publia-password-for-tests' },
  // notification-settings.spec.ts: someone choosing how they are notified, and a colleague writing.
  noemie: { username: 'noemie', password: 'noemie-password-for-tests' },
  nadege: { username: 'nadege', password: 'nadege-password-for-tests' },
  sacha: { username: 'sacha', password: 'sacha-password-for-tests' },
  // members.spec.ts: a room's admin, a member, and someone the admin removes then bans.
  armand: { username: 'armand', password: 'armand-password-for-tests' },
  berthe: { username: 'berthe', password: 'berthe-password-for-tests' },
  casimir: { username: 'casimir', password: 'casimir-password-for-tests' },
  // settings.spec.ts: the Settings dialog's tabs.
  gaspard: { username: 'gaspard', password: 'gaspard-password-for-tests' },
  // verification.spec.ts: two people verify each other in French.
  hortense: { username: 'hortense', password: 'hortense-password-for-tests' },
  ignace: { username: 'ignace', password: 'ignace-password-for-tests' },
  // room-options.spec.ts: a room's options from the room list, then leaving and forgetting it.
  leonie: { username: 'leonie', password: 'leonie-password-for-tests' },
  // matrixrtc-interop.spec.ts: a Relais user, and a colleague on Element Call (matrix-js-sdk's MatrixRTC).
  aurele: { username: 'aurele', password: 'aurele-password-for-tests' },
  ines: { username: 'ines', password: 'ines-password-for-tests' },
  // call-cluster.spec.ts: two callers on two SFU nodes, and the account the nodes check membership with.
  nadia: { username: 'nadia', password: 'nadia-password-for-tests' },
  omar: { username: 'omar', password: 'omar-password-for-tests' },
  sven: { username: 'sven', password: 'sven-password-for-tests' },
} as const;
