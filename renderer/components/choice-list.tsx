/**
 * A fieldset of radio choices, each with its label and a hint that describes it (the screens' "which
 * devices", "which format", "which service" questions).
 */
import { useId, type ReactNode } from 'react';

/** One choice: its value, its label and the hint under it, already translated by the screen. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint: string;
}

export function ChoiceFieldset<T extends string>(props: {
  className: string;
  legendClassName: string;
  legend: string;
  /** Names the radio group (with an id unique to the fieldset). */
  name: string;
  choices: readonly Choice<T>[];
  chosen: T;
  onChoose: (value: T) => void;
  /** Shown after the choices, inside the fieldset. */
  children?: ReactNode;
}): ReactNode {
  const id = useId();
  return (
    <fieldset className={props.className}>
      <legend className={props.legendClassName}>{props.legend}</legend>
      <ul className="choice-list">
        {props.choices.map((choice) => (
          <RadioChoice
            key={choice.value}
            id={`${id}-${choice.value}`}
            name={`${id}-${props.name}`}
            checked={props.chosen === choice.value}
            onChoose={() => props.onChoose(choice.value)}
            label={choice.label}
            hint={choice.hint}
          />
        ))}
      </ul>
      {props.children}
    </fieldset>
  );
}

function RadioChoice(props: {
  id: string;
  name: string;
  checked: boolean;
  onChoose: () => void;
  label: string;
  hint: string;
}): ReactNode {
  return (
    <li className="choice">
      <input
        type="radio"
        id={props.id}
        name={props.name}
        checked={props.checked}
        onChange={props.onChoose}
        aria-describedby={`${props.id}-hint`}
      />
      <div className="choice-body">
        <label htmlFor={props.id} className="choice-label">
          {props.label}
        </label>
        <p id={`${props.id}-hint`} className="choice-hint">
          {props.hint}
        </p>
      </div>
    </li>
  );
}
