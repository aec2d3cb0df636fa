// The call signaling protocol shared by the SFU (sfu/) and the app: message schemas, error codes,
// and the client-side request correlator. Pure TypeScript + zod.
export * from './errors.ts';
export * from './media.ts';
export * from './requests.ts';
export * from './notifications.ts';
export * from './wire.ts';
export * from './correlator.ts';
