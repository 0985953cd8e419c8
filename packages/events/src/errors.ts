/** The bus could not be reached, or did not answer in time. Services map it to 503. */
export class BusUnavailableError extends Error {
  override readonly name = 'BusUnavailableError';
  /** The http-errors convention: services answer 503 with this message. */
  readonly status = 503;
  readonly expose = true;
}

/** The bus refused an event as invalid (4xx). Retrying the same event will not help. */
export class EventRejectedError extends Error {
  override readonly name = 'EventRejectedError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}
