/**
 * A file dropped anywhere but a drop zone must do nothing: the browser would otherwise open the file in the
 * tab (the browser host) and every screen's state would be lost. Installed once for the window by `App`; a
 * drop zone handles (and `preventDefault`s) its own events first, so it keeps working.
 */
import { useEffect } from 'react';

/** A drag that carries files (not text or a link dragged from the page). */
export function carriesFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function useDropGuard(target: Window = window): void {
  useEffect(() => {
    const onDragOver = (event: DragEvent): void => {
      if (!carriesFiles(event) || event.defaultPrevented) return;
      // Not over a drop zone: refuse the drop (the cursor says so) instead of letting the page open it.
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'none';
    };
    const onDrop = (event: DragEvent): void => {
      if (carriesFiles(event)) event.preventDefault();
    };
    target.addEventListener('dragover', onDragOver);
    target.addEventListener('drop', onDrop);
    return () => {
      target.removeEventListener('dragover', onDragOver);
      target.removeEventListener('drop', onDrop);
    };
  }, [target]);
}
