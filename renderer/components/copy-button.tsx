/**
 * A Copy button for a text shown next to it, and the status that says what a press did. Where the clipboard
 * is refused (or is not there), the shown text is selected so Ctrl+C copies it, and the status says so.
 */
import { useState, type ReactNode, type RefObject } from 'react';

/** The words of the button and what it says after a press, already translated by the screen. */
export interface CopyLabels {
  readonly copy: string;
  readonly copied: string;
  readonly manual: string;
}

/** Select what `element` shows: a text box's value (focused), or an element's contents. */
function selectForCopy(element: HTMLElement | null): void {
  if (element === null) return;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
    element.focus();
    element.select();
    return;
  }
  const selection = typeof window === 'undefined' ? null : window.getSelection();
  if (selection === null) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** The button and its status (a fragment: the screen keeps its own row around them and the shown text). */
export function CopyButton(props: {
  text: string;
  /** The element showing `text`, selected when the clipboard is refused. */
  shown: RefObject<HTMLElement | null>;
  labels: CopyLabels;
}): ReactNode {
  const { text, shown, labels } = props;
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const selectForManualCopy = (): void => {
    selectForCopy(shown.current);
    setCopy('manual');
  };
  const onCopy = (): void => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (clipboard === undefined) {
      selectForManualCopy();
      return;
    }
    clipboard.writeText(text).then(() => setCopy('copied'), selectForManualCopy);
  };
  return (
    <>
      <button type="button" className="btn" onClick={onCopy}>
        {labels.copy}
      </button>
      <span role="status" className="muted">
        {copy === 'copied' ? labels.copied : copy === 'manual' ? labels.manual : ''}
      </span>
    </>
  );
}
