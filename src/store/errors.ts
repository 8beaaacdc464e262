// Store errors: each a class with a stable code, so the CLI prints one clear line and the API maps it to
// a GraphQL error code without a stack trace.
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A batch that cannot land as a whole: a bad reference, a kind that does not fit, invalid data. */
export class InvalidBatchError extends StoreError {
  constructor(message: string, readonly problems: string[] = []) {
    super('INVALID_BATCH', message);
  }
}
export class NotFoundError extends StoreError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `no ${what} with id ${id}`);
  }
}
export class IncompatibleMergeError extends StoreError {
  constructor(message: string) {
    super('INCOMPATIBLE_MERGE', message);
  }
}
/** Another process holds the database open for writing. */
export class StoreLockedError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_LOCKED', message, options);
  }
}
/** The folder holds something that is not a rightsgraph database. */
export class NotAStoreError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_A_STORE', message, options);
  }
}
/** The database's schema version is one this code cannot open (newer, or older without a migration). */
export class SchemaVersionError extends StoreError {
  constructor(message: string) {
    super('SCHEMA_VERSION', message);
  }
}
/** The data folder cannot be written: a read-only file system or missing permissions. */
export class ReadOnlyStoreError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('READ_ONLY', message, options);
  }
}
export class DiskFullError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DISK_FULL', message, options);
  }
}
export class StoreUnavailableError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
  }
}
/** Too many writes already waiting: retry after `retryAfterSeconds` (the API's 503 with Retry-After). */
export class BusyError extends StoreError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('BUSY', message);
  }
}
