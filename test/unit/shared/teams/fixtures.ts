// One import for all test data: links and their forms, wrapper encoders, invitations.
export * from './fixtureInvitations.ts';
export * from './fixtureLinks.ts';
export * from './fixtureWrappers.ts';
