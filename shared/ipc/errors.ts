// Errors cross every boundary as plain typed values, never as thrown exceptions.

export type ErrorCode =
  | 'invalid-payload'
  | 'unknown-channel'
  | 'unsupported-image'
  | 'corrupt-image'
  | 'image-too-large'
  | 'not-found'
  | 'model-missing'
  | 'model-invalid'
  | 'inference-failed'
  | 'cancelled'
  | 'conflict'
  | 'recipe-mismatch'
  | 'metadata-too-large'
  | 'disk-full'
  | 'io-failed'
  | 'unauthorized'
  | 'payload-too-large'
  | 'library-in-use'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

/** A message with every absolute path in it cut to its last part ("/home/a/lib/exports" -> "exports"):
 * errors reach the renderer, which never sees paths it did not pick. */
export function redactPaths(message: string): string {
  return message
    .replace(/(^|[\s'"(=:])(?:\/[^\s'"()/,;]+)+\/?/g, (m: string, lead: string) => `${lead}${m.slice(lead.length).replace(/\/+$/, '').split('/').pop() ?? ''}`)
    .replace(/(^|[\s'"(=:])[A-Za-z]:\\(?:[^\s'"()\\,;]+\\?)+/g, (m: string, lead: string) => `${lead}${m.slice(lead.length).replace(/\\+$/, '').split('\\').pop() ?? ''}`);
}

/** Thrown inside services; the dispatcher turns it into a Result. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
