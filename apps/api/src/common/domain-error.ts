/**
 * An expected refusal with a stable, namespaced code (`area/reason`). Services throw these; one exception
 * filter turns them into HTTP answers. Never match on the message text.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number = 422,
    readonly details?: { path: string; message: string }[],
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(`${what}/not_found`, `${what} ${id} was not found`, 404);
  }
}
