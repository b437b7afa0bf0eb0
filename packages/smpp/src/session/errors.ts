/**
 * Why a request got no response. The split matters to callers: `not_sent` is safe to retry, the
 * others are unknown outcomes (the peer may have acted on the request) and must never be resent blindly
 * (reference/smpp.md §2.2: resends after timeouts caused duplicates in jsmpp #63).
 */
export type NoResponseReason = 'not_sent' | 'timeout' | 'connection_lost';

export class SmppNoResponseError extends Error {
  readonly code: `smpp/${NoResponseReason}`;
  constructor(
    readonly reason: NoResponseReason,
    message: string,
  ) {
    super(message);
    this.name = 'SmppNoResponseError';
    this.code = `smpp/${reason}`;
  }

  /** True when the peer may have received and acted on the request. */
  get outcomeUnknown(): boolean {
    return this.reason !== 'not_sent';
  }
}

/** Why a session ended. */
export type CloseReason =
  | 'local_close'
  | 'unbound'
  | 'unbound_by_peer'
  | 'peer_closed'
  | 'link_dead'
  | 'socket_error'
  | 'framing_error'
  | 'bind_failed';
