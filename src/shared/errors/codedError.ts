// The shape every typed error in Relais shares (IpcError, CallError): a stable code from a closed
// list, which is the contract, and a message for logs and humans. The payload is what crosses a
// process or network boundary: code and message only, never a stack. Pure TypeScript + zod, so the
// SFU can deploy it next to src/shared/call.
import { z } from 'zod';

export interface CodedErrorPayload<C extends string> {
  code: C;
  message: string;
}

export class CodedError<C extends string> extends Error {
  readonly code: C;

  /** `name` is passed explicitly: class names do not survive minification. */
  constructor(name: string, code: C, message: string) {
    super(message);
    this.name = name;
    this.code = code;
  }

  toPayload(): CodedErrorPayload<C> {
    return { code: this.code, message: this.message };
  }
}

/** Whether `value` is one of `codes`. */
export function isErrorCodeOf<C extends string>(codes: readonly C[], value: unknown): value is C {
  return typeof value === 'string' && (codes as readonly string[]).includes(value);
}

/** The zod schema of a payload with one of `codes`; extend it for extra fields. */
export function codedErrorPayloadSchema<const C extends readonly [string, ...string[]]>(codes: C) {
  return z.object({ code: z.enum(codes), message: z.string() });
}
