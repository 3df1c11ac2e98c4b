/**
 * A streaming CSV tokenizer that keeps the physical line of every record.
 *
 * It accepts what technicians' files contain: comma, semicolon or tab separators (detected from the first
 * line), quoted or bare fields, CRLF, LF or bare CR line ends, quoted fields spanning lines. Bare fields are
 * split with native string search so a 4,000-character hash costs a few microseconds, not a character loop.
 *
 * Not papaparse: it does not report the physical line each record starts on (every diagnostic names one),
 * and recovering from a stray quote without losing the rows after it needs the line structure at hand.
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvProblem =
  | { readonly kind: 'unterminated-quote'; readonly line: number }
  /** The line is longer than `limit` characters: it was skipped, not held (see MAX_LINE). */
  | { readonly kind: 'line-too-long'; readonly line: number; readonly limit: number };

export interface CsvSink {
  record(record: CsvRecord): void;
  problem(problem: CsvProblem): void;
}

export type Delimiter = ',' | ';' | '\t';

interface Pending {
  readonly line: number;
  text: string;
  readonly held: { readonly content: string; readonly terminator: string; readonly line: number }[];
}

const LF = 10;
const CR = 13;
/** A quoted field longer than this, or over more lines, is a stray quote swallowing the file, not data. */
const MAX_PENDING = 64 * 1024;
const MAX_PENDING_LINES = 8;
/**
 * The longest line read: a hash CSV row is a hash of 4-5 KB and a few short values, so 1 Mi characters is
 * far beyond any real row, yet a line as long as a file (a binary file, or one without line ends) is
 * skipped in constant memory instead of being held whole.
 */
export const MAX_LINE = 1 << 20;

export class CsvRecordReader {
  /**
   * The start of a line whose end is in a later chunk, as the pieces it came in: joined once, when the
   * line ends, so a line over many chunks costs its length once (joining per chunk made it quadratic).
   */
  private held: string[] = [];
  private heldLength = 0;
  /** The line being held is longer than `maxLine`: reported, and its text dropped until it ends. */
  private skipping = false;
  /** The last chunk ended with a CR that ends the held line; the next chunk says whether a LF follows. */
  private heldCr = false;
  /** Physical line number of the line being read (the held one, or the next one). */
  private lineNumber = 1;
  private delimiter: Delimiter | undefined;
  /** A record whose quoted field continues on the next line, with the lines it has taken in so far. */
  private pending: Pending | undefined;
  /** Fields in the first record (the header): a row of that width is a row, not a field's continuation. */
  private recordWidth: number | undefined;

  constructor(
    private readonly sink: CsvSink,
    delimiter?: Delimiter,
    private readonly maxLine = MAX_LINE,
  ) {
    this.delimiter = delimiter;
  }

  get detectedDelimiter(): Delimiter | undefined {
    return this.delimiter;
  }

  push(text: string): void {
    if (text.length === 0) return;
    let start = 0;
    if (this.heldCr) {
      this.heldCr = false;
      const crlf = text.charCodeAt(0) === LF;
      this.finishHeld(crlf ? '\r\n' : '\r');
      start = crlf ? 1 : 0;
    } else if (this.heldLength > 0 || this.skipping) {
      const end = firstLineBreak(text, 0);
      if (end === -1) {
        this.hold(text);
        return;
      }
      if (end === text.length - 1 && text.charCodeAt(end) === CR) {
        // A CRLF may be split across chunks.
        this.hold(text.slice(0, end));
        this.heldCr = true;
        return;
      }
      const next = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      this.hold(text.slice(0, end));
      this.finishHeld(text.slice(end, next));
      start = next;
    }
    this.drain(text, start);
  }

  end(): void {
    if (this.heldCr) {
      this.heldCr = false;
      this.finishHeld('\r');
    } else if (this.heldLength > 0 || this.skipping) {
      this.finishHeld('');
    }
    if (this.pending) {
      this.sink.problem({ kind: 'unterminated-quote', line: this.pending.line });
      this.pending = undefined;
    }
  }

  private drain(text: string, start: number): void {
    let pos = start;
    // Cached positions of the next CR, LF, quote and separator, so each is searched once per occurrence,
    // not once per line or field (-2: not searched yet).
    let nextCr = text.indexOf('\r', pos);
    let nextLf = text.indexOf('\n', pos);
    let nextQuote = -2;
    let nextDelim = -2;
    let delimiter = this.delimiter;
    while (pos < text.length) {
      if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
      if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
      let end: number;
      let next: number;
      if (nextCr === -1 && nextLf === -1) {
        this.hold(text.slice(pos));
        return;
      } else if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
        if (nextCr === text.length - 1) {
          // A CRLF may be split across chunks.
          this.hold(text.slice(pos, nextCr));
          this.heldCr = true;
          return;
        }
        end = nextCr;
        next = text.charCodeAt(nextCr + 1) === LF ? nextCr + 2 : nextCr + 1;
      } else {
        end = nextLf;
        next = nextLf + 1;
      }
      if (this.delimiter !== delimiter) {
        delimiter = this.delimiter;
        nextDelim = -2;
      }
      // The common line: no quoted field open above, no quote in it, not too long. Its fields are cut
      // straight out of the chunk, without a string for the line (what `line` does, for the same result).
      if (delimiter !== undefined && this.pending === undefined && end - pos <= this.maxLine) {
        if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
        if (nextQuote === -1 || nextQuote >= end) {
          const fields: string[] = [];
          let at = pos;
          for (;;) {
            if (nextDelim !== -1 && nextDelim < at) nextDelim = text.indexOf(delimiter, at);
            if (nextDelim === -1 || nextDelim >= end) break;
            fields.push(text.slice(at, nextDelim));
            at = nextDelim + 1;
          }
          fields.push(text.slice(at, end));
          this.emit(this.lineNumber++, fields);
          pos = next;
          continue;
        }
      }
      this.line(text.slice(pos, end), next - end === 2 ? '\r\n' : text.charCodeAt(end) === CR ? '\r' : '\n');
      pos = next;
    }
  }

  /** Keeps a piece of the line that continues in the next chunk, unless the line is already too long. */
  private hold(piece: string): void {
    if (this.skipping || piece.length === 0) return;
    if (this.heldLength + piece.length > this.maxLine) {
      this.held = [];
      this.heldLength = 0;
      this.tooLong();
      return;
    }
    this.held.push(piece);
    this.heldLength += piece.length;
  }

  /** The held line has ended with `terminator`. */
  private finishHeld(terminator: string): void {
    if (this.skipping) {
      this.skipping = false;
      this.lineNumber++;
      return;
    }
    const content = this.held.length === 1 ? this.held[0]! : this.held.join('');
    this.held = [];
    this.heldLength = 0;
    this.line(content, terminator);
  }

  /**
   * Reports the current line as too long and skips the rest of it. A quoted field left open above cannot
   * continue through it: that row is reported and its lines read on their own first, in line order.
   */
  private tooLong(): void {
    this.skipping = true;
    if (this.pending) this.abandon(this.pending);
    this.sink.problem({ kind: 'line-too-long', line: this.lineNumber, limit: this.maxLine });
  }

  private line(content: string, terminator: string): void {
    if (content.length > this.maxLine) {
      this.tooLong();
      this.skipping = false;
      this.lineNumber++;
      return;
    }
    this.handle(content, terminator, this.lineNumber++);
  }

  private handle(content: string, terminator: string, lineNumber: number): void {
    const pending = this.pending;
    if (pending) {
      const joined = this.parseQuoted(pending.text + content);
      if (!joined || joined.length !== this.recordWidth) {
        // A line that is a whole record by itself, as wide as the header, means the quote left open above
        // was a stray one: report that row and read on, instead of swallowing every row after it.
        const alone = this.recordWidth !== undefined ? this.parseLine(content) : undefined;
        if (alone && alone.length === this.recordWidth) {
          this.abandon(pending);
          this.handle(content, terminator, lineNumber);
          return;
        }
      }
      pending.text += content;
      if (joined) {
        this.pending = undefined;
        this.emit(pending.line, joined);
        return;
      }
      pending.held.push({ content, terminator, line: lineNumber });
      if (pending.text.length > MAX_PENDING || pending.held.length > MAX_PENDING_LINES) this.abandon(pending);
      else pending.text += terminator;
      return;
    }
    if (this.delimiter === undefined) {
      if (content.trim().length === 0 || content.startsWith('#')) {
        this.sink.record({ line: lineNumber, fields: [content] });
        return;
      }
      this.delimiter = detectDelimiter(content);
    }
    const fields = this.parseLine(content);
    if (fields) this.emit(lineNumber, fields);
    else this.pending = { line: lineNumber, text: content + terminator, held: [] };
  }

  /** Reports the row whose quote never closed and reads the lines it had taken in as rows of their own. */
  private abandon(pending: Pending): void {
    this.pending = undefined;
    this.sink.problem({ kind: 'unterminated-quote', line: pending.line });
    for (const held of pending.held) this.handle(held.content, held.terminator, held.line);
  }

  private emit(line: number, fields: string[]): void {
    this.recordWidth ??= fields.length;
    this.sink.record({ line, fields });
  }

  /** One physical line as a record, or `undefined` when a quoted field is still open at its end. */
  private parseLine(content: string): string[] | undefined {
    if (content.indexOf('"') === -1) return content.split(this.delimiter ?? ',');
    return this.parseQuoted(content);
  }

  /** Parses one record with quotes; `undefined` when a quoted field is still open at the end. */
  private parseQuoted(text: string): string[] | undefined {
    const d = this.delimiter ?? ',';
    const fields: string[] = [];
    let i = 0;
    const n = text.length;
    for (;;) {
      // Leading spaces before an opening quote are tolerated (`a, "b"`), as Excel does.
      let start = i;
      while (start < n && text.charCodeAt(start) === 32) start++;
      if (start < n && text.charCodeAt(start) === 34 /* " */) {
        let value = '';
        let at = start + 1;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote === -1) return undefined;
          value += text.slice(at, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            at = quote + 2;
            continue;
          }
          at = quote + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept, not dropped.
        const delim = text.indexOf(d, at);
        const stop = delim === -1 ? n : delim;
        value += text.slice(at, stop).trimEnd();
        fields.push(value);
        if (delim === -1) return fields;
        i = delim + 1;
      } else {
        const delim = text.indexOf(d, i);
        if (delim === -1) {
          fields.push(text.slice(i));
          return fields;
        }
        fields.push(text.slice(i, delim));
        i = delim + 1;
      }
    }
  }
}

/** The separator of a header line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(line: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 44) commas++;
    else if (c === 59) semicolons++;
    else if (c === 9) tabs++;
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

function firstLineBreak(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (lf === -1) return cr;
  if (cr === -1) return lf;
  return Math.min(lf, cr);
}
