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
