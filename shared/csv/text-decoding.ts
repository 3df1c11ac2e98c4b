/**
 * Turns the bytes of a CSV into text, whatever wrote it: Windows PowerShell 5.1 (UTF-16LE with BOM),
 * PowerShell 7 (UTF-8 without BOM), Excel (UTF-8 with BOM, or CP932/Shift_JIS on Japanese Windows).
 * Works on a stream of chunks so a 400 MB file never has to sit in memory at once.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export type FileSignature = 'xlsx' | 'xls' | 'binary' | 'text';

/** Recognises files that are clearly not CSV text, so the user is told what they gave us. */
export function fileSignature(head: Uint8Array): FileSignature {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  return 'text';
}

export class StreamingTextDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private name: TextEncodingName = 'utf-8';
  private switched = false;
  private head: Uint8Array = new Uint8Array(0);
  private lossy = false;

  /** The encoding in use (`utf-8` also stands for plain ASCII, on which every candidate agrees). */
  get encoding(): TextEncodingName {
    return this.name;
  }

  /** True once a byte sequence could not be decoded and was replaced by U+FFFD. */
  get replacedCharacters(): boolean {
    return this.lossy;
  }

  decode(chunk: Uint8Array): string {
    if (!this.decoder) {
      // Wait for enough bytes to see a byte-order mark.
      const joined = concat(this.head, chunk);
      if (joined.length < 4) {
        this.head = joined;
        return '';
      }
      this.head = new Uint8Array(0);
      this.chooseByBom(joined);
      return this.decodeChunk(joined);
    }
    return this.decodeChunk(chunk);
  }

  end(): string {
    let text = '';
    if (!this.decoder) {
      const joined = this.head;
      this.head = new Uint8Array(0);
      this.chooseByBom(joined);
      text = this.decodeChunk(joined);
    }
    return text + this.decoder!.decode();
  }

  private chooseByBom(b: Uint8Array): void {
    if (b[0] === 0xff && b[1] === 0xfe) this.use('utf-16le');
    else if (b[0] === 0xfe && b[1] === 0xff) this.use('utf-16be');
    else if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.use('utf-8');
    // UTF-16 without a BOM: ASCII text with every other byte zero.
    else if (b.length >= 2 && b[0] !== 0 && b[1] === 0) this.use('utf-16le');
    else if (b.length >= 2 && b[0] === 0 && b[1] !== 0) this.use('utf-16be');
    else this.use('utf-8');
  }

  private use(name: TextEncodingName): void {
    this.name = name;
    // Fatal, so a wrong guess shows up as an exception we handle instead of silent U+FFFD.
    this.decoder = new TextDecoder(name, { fatal: true });
  }

  private decodeChunk(chunk: Uint8Array): string {
    try {
      return this.decoder!.decode(chunk, { stream: true });
    } catch {
      if (this.name === 'utf-8' && !this.switched) {
        // Not UTF-8: on Japanese Windows, Excel re-saves CSVs as CP932. Everything before this chunk decoded
        // as UTF-8 without complaint, which for these files means it was ASCII, so nothing is lost by
        // switching here.
        this.switched = true;
        this.use('shift_jis');
        return this.decodeChunk(chunk);
      }
      // Bytes invalid in every candidate: keep going with replacement characters and say so (callers flag
      // the lines that carry them) rather than refusing the whole file.
      this.lossy = true;
      this.decoder = new TextDecoder(this.name);
      return this.decoder.decode(chunk, { stream: true });
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
