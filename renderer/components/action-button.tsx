/**
 * A screen's main button (Export, Send) with the reason it cannot be pressed yet. While the action runs the
 * button keeps focus (aria-disabled, aria-busy) and a press does nothing.
 */
import { useId, type ReactNode } from 'react';

export function ActionButton(props: {
  /** The class of the row around the button and its hint. */
  className: string;
  buttonClassName: string;
  label: string;
  /** The action is running. */
  busy: boolean;
  /** Why the button cannot be pressed yet (translated), or `null` when it can. */
  blocked: string | null;
  onPress: () => void;
}): ReactNode {
  const { busy, blocked } = props;
  const hintId = useId();
  return (
    <div className={props.className}>
      <button
        type="button"
        className={props.buttonClassName}
        disabled={blocked !== null && !busy}
        aria-disabled={busy || undefined}
        aria-busy={busy}
        aria-describedby={blocked !== null ? hintId : undefined}
        onClick={() => {
          if (!busy) props.onPress();
        }}
      >
        {props.label}
      </button>
      {blocked !== null ? (
        <p id={hintId} className="field-hint">
          {blocked}
        </p>
      ) : null}
    </div>
  );
}
