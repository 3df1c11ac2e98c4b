/**
 * Where files come in: a large area to drop them on, with a real button inside for keyboard and mouse users
 * that opens the system's file picker.
 */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { MAX_IMPORT_FILES } from '../../../shared/api/harvester-api';
import { useI18n } from '../../app/app-context';
import { carriesFiles } from '../../app/use-drop-guard';
import { MAX_IMPORT_TOTAL_BYTES } from './file-reading';

export function DropZone(props: { disabled: boolean; onFiles: (files: readonly File[]) => void }): ReactNode {
  const { t, bytes } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  /** dragenter/dragleave fire for every child crossed; the zone is "over" while the count is above 0. */
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  const { disabled, onFiles } = props;

  // A file dropped next to the zone is refused by the window's guard (renderer/app/use-drop-guard.ts).

  const enter = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setOver(true);
  };
  const overZone = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
  };
  const leave = (): void => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const drop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div
      className={`import-drop-zone${over ? ' is-over' : ''}${disabled ? ' is-disabled' : ''}`}
      data-testid="import-drop-zone"
      onDragEnter={enter}
      onDragOver={overZone}
      onDragLeave={leave}
      onDrop={drop}
    >
      <p className="import-drop-title" aria-hidden="true">
        {t('import.drop.title')}
      </p>
      <p className="import-drop-or" aria-hidden="true">
        {t('import.drop.or')}
      </p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={disabled}
        aria-describedby="import-drop-hint"
        onClick={() => input.current?.click()}
      >
        {t('import.drop.choose')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".csv,text/csv"
        hidden
        tabIndex={-1}
        aria-label={t('import.drop.inputLabel')}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared, so choosing the same file again (after removing it) fires a change.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <p id="import-drop-hint" className="import-drop-hint">
        {t('import.drop.hint', { max: MAX_IMPORT_FILES, size: bytes(MAX_IMPORT_TOTAL_BYTES) })}
      </p>
    </div>
  );
}
