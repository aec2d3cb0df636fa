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
  // slidingsync.spec.ts: an account with many rooms, and the people it talks to.
  olivia: { username: 'olivia', password: 'olivia-password-for-tests' },
  pablo: { username: 'pablo', password: 'pablo-password-for-tests' },
  quinn: { username: 'quinn', password: 'quinn-password-for-tests' },
} as const;
