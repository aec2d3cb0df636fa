// Fetches and compiles the Rust crypto WebAssembly (about 8 MB) as soon as the app starts, while the
// user types a password or the keychain is read, instead of after sign-in: measured on the 2-core test
// machine, loading it then took about 1 s of the time between "Sign in" and the room list. The
// module's initAsync is memoised, so initRustCrypto later reuses this same load.
import { rendererLogger } from '../platform/log.ts';

export function warmUpCrypto(): void {
  void import('@matrix-org/matrix-sdk-crypto-wasm')
    .then((wasm) => wasm.initAsync())
    .catch(rendererLogger('crypto').swallow('loading the crypto module early', 'info'));
}
