/**
 * Turns the bytes of a CSV into text, whatever wrote it: Windows PowerShell 5.1 (UTF-16LE with BOM),
 * PowerShell 7 (UTF-8 without BOM), Excel (UTF-8 with BOM, or CP932/Shift_JIS on Japanese Windows).
 * Works on a stream of chunks so a 400 MB file never has to sit in memory at once, and gives the same text
 * wherever the chunks are cut.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export type FileSignature = 'xlsx' | 'xls' | 'text';

/** Bytes needed to tell a file's signature or byte-order mark. */
export const SIGNATURE_LENGTH = 4;

/** Recognises files that are clearly not CSV text, so the user is told what they gave us. */
export function fileSignature(head: Uint8Array): FileSignature {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  return 'text';
}

type Decoder = InstanceType<typeof TextDecoder>;

export class StreamingTextDecoder {
  private decoder: Decoder | undefined;
  private name: TextEncodingName = 'utf-8';
  /** While true, UTF-8 is only a guess: the decoder is fatal, and a failure switches to Shift_JIS. */
  private guessing = false;
  private head: Uint8Array = new Uint8Array(0);
  /** Trailing bytes of the last chunk that may start an unfinished UTF-8 character. */
  private carry: Uint8Array = new Uint8Array(0);
  private lossy = false;
  /** While guessing: the bytes from the first non-ASCII byte on, not yet decoded. */
  private held: Uint8Array[] = [];
  private heldLength = 0;

  /** `decodeAscii`: a native shortcut for all-ASCII chunks (most hash CSVs), see PlatformAccelerators. */
  constructor(private readonly decodeAscii?: (bytes: Uint8Array) => string | undefined) {}

  /** The encoding in use (`utf-8` also stands for plain ASCII, on which every candidate agrees). */
  get encoding(): TextEncodingName {
    return this.name;
  }

  /** True once a byte sequence could not be decoded and was replaced by U+FFFD. */
  get replacedCharacters(): boolean {
    return this.lossy;
  }

  decode(chunk: Uint8Array): string {
    if (this.decoder) return this.decodeChunk(chunk);
    // Wait for enough bytes to see a byte-order mark.
    const joined = concat(this.head, chunk);
    if (joined.length < SIGNATURE_LENGTH) {
      // A copy: the caller may reuse its buffer once decode returns.
      this.head = joined === chunk ? chunk.slice() : joined;
      return '';
    }
    this.head = new Uint8Array(0);
    return this.decodeChunk(this.start(joined));
  }

  end(): string {
    let text = '';
    if (!this.decoder) {
      const joined = this.head;
      this.head = new Uint8Array(0);
      text = this.decodeChunk(this.start(joined));
    }
    if (this.guessing && this.heldLength > 0) {
      const held = this.heldBytes();
      text += this.commit(isUtf8(held, true) ? 'utf-8' : 'shift_jis', held);
    }
    try {
      return text + this.note(this.decoder!.decode());
    } catch {
      // The file ends inside a character (cut off): say so rather than fail.
      this.lossy = true;
      return text + '\uFFFD';
    }
  }

  /** Chooses the encoding from the first bytes and returns them without the byte-order mark. */
  private start(b: Uint8Array): Uint8Array {
    if (b[0] === 0xff && b[1] === 0xfe) return this.use('utf-16le', b.subarray(2));
    if (b[0] === 0xfe && b[1] === 0xff) return this.use('utf-16be', b.subarray(2));
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return this.use('utf-8', b.subarray(3));
    // UTF-16 without a BOM: ASCII text with every other byte zero.
    if (b.length >= 2 && b[0] !== 0 && b[1] === 0) return this.use('utf-16le', b);
    if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return this.use('utf-16be', b);
    this.guessing = true;
    return this.use('utf-8', b);
  }

  private use(name: TextEncodingName, rest: Uint8Array): Uint8Array {
    this.name = name;
    // The BOM is already gone; a later U+FEFF is text, not a mark to strip.
    this.decoder = new TextDecoder(name, { ignoreBOM: true });
    return rest;
  }

  private decodeChunk(chunk: Uint8Array): string {
    if (this.guessing) return this.guess(chunk);
    if (this.decodeAscii && this.name === 'utf-8' && this.carry.length === 0) {
      const ascii = this.decodeAscii(chunk);
      if (ascii !== undefined) return ascii;
    }
    const text = this.note(this.decoder!.decode(chunk, { stream: true }));
    if (this.name === 'utf-8') this.carry = unfinishedUtf8Tail(chunk, this.carry);
    return text;
  }

  /**
   * No byte-order mark: ASCII passes straight through; from the first non-ASCII byte on, bytes are held
   * (up to GUESS_WINDOW) until they prove to be UTF-8 or not. Shift_JIS text can look like valid UTF-8 for
   * a while (half-width katakana pairs), and text already handed out cannot be taken back.
   */
  private guess(chunk: Uint8Array): string {
    if (this.held.length === 0) {
      const ascii = this.decodeAscii
        ? this.decodeAscii(chunk)
        : isAscii(chunk)
          ? this.decoder!.decode(chunk)
          : undefined;
      if (ascii !== undefined) return ascii;
    }
    this.held.push(chunk.slice());
    this.heldLength += chunk.length;
    const held = this.heldBytes();
    if (!isUtf8(held)) return this.commit('shift_jis', held);
    if (this.heldLength >= GUESS_WINDOW) return this.commit('utf-8', held);
    return '';
  }

  private commit(name: TextEncodingName, held: Uint8Array): string {
    this.guessing = false;
    this.held = [];
    this.heldLength = 0;
    this.use(name, held);
    const text = this.note(this.decoder!.decode(held, { stream: true }));
    if (name === 'utf-8') this.carry = unfinishedUtf8Tail(held, new Uint8Array(0));
    return text;
  }

  private heldBytes(): Uint8Array {
    if (this.held.length > 1) this.held = [concatAll(this.held, this.heldLength)];
    return this.held[0] ?? new Uint8Array(0);
  }

  /** Notes replacement characters: decoding goes on, and the lines that carry them are flagged. */
  private note(text: string): string {
    if (!this.lossy && text.includes('\uFFFD')) this.lossy = true;
    return text;
  }
}

/** How many bytes from the first non-ASCII one decide between UTF-8 and Shift_JIS. */
const GUESS_WINDOW = 1 << 20;

/** Whether `bytes` is valid UTF-8; unless `complete`, an unfinished character at the very end is fine. */
function isUtf8(bytes: Uint8Array, complete = false): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

function concatAll(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The bytes at the end of `chunk` (joined to an earlier unfinished tail when the chunk is tiny) that begin
 * a UTF-8 character not yet complete: what a streaming UTF-8 decoder is holding back.
 */
function unfinishedUtf8Tail(chunk: Uint8Array, previous: Uint8Array): Uint8Array {
  const bytes = chunk.length >= 4 ? chunk : concat(previous, chunk);
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return new Uint8Array(0);
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.slice(bytes.length - back) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
