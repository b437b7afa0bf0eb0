import { decodePdu } from './decode.js';
import { HEADER_LENGTH } from './encode.js';

/** The byte stream cannot be framed any more (bad command_length); the connection must close. */
export class FramingError extends Error {
  readonly code = 'smpp/framing';
}

/**
 * Cuts a TCP byte stream into PDUs by command_length (§3.2). Whole PDUs inside one chunk are decoded
 * in place; only a PDU split across chunks is copied.
 */
export class PduFramer {
  private pending: Buffer | null = null;

  constructor(
    /** Largest command_length accepted; a bigger one means a broken stream (node-smpp uses 16 KiB). */
    private readonly maxLength = 64 * 1024,
  ) {}

  /**
   * Feeds one chunk; calls `onPdu` for each complete PDU, `onError` for one whose body is bad (the
   * stream goes on). @throws FramingError when a length is impossible.
   */
  push(chunk: Buffer, onPdu: (pdu: ReturnType<typeof decodePdu>) => void, onError: (error: unknown) => void): void {
    let buf = chunk;
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    let o = 0;
    const n = buf.length;
    while (n - o >= 4) {
      const length = buf.readUInt32BE(o);
      if (length < HEADER_LENGTH || length > this.maxLength) {
        throw new FramingError(`command_length ${length} is outside ${HEADER_LENGTH}..${this.maxLength}`);
      }
      if (n - o < length) break;
      let pdu: ReturnType<typeof decodePdu> | undefined;
      try {
        pdu = decodePdu(buf, o);
      } catch (error) {
        onError(error);
      }
      o += length;
      if (pdu) onPdu(pdu);
    }
    if (o < n) this.pending = o === 0 && buf !== chunk ? buf : Buffer.from(buf.subarray(o));
  }
}
