import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen's title. It takes focus when the screen opens, so keyboard and screen-reader users land on the new
 * screen instead of staying on the navigation button.
 */
export function ScreenHeading(props: { children: ReactNode; description?: ReactNode }): ReactNode {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="screen-header">
      <h1 ref={heading} tabIndex={-1} className="screen-title">
        {props.children}
      </h1>
      {props.description === undefined ? null : <p className="screen-description">{props.description}</p>}
    </header>
  );
}
