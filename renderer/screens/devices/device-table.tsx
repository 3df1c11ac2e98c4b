/**
 * The device list: an ARIA grid whose rows are virtualised (only the rows in view and a few around them are
 * in the DOM), so 10,000 devices scroll and filter as smoothly as 10. Rows have one fixed height; the header
 * row sticks to the top of the scrolling grid.
 *
 * Keyboard: the grid is one Tab stop (the active row, a roving tabindex); arrow keys, Page Up/Down and
 * Home/End move between rows, Space selects (Shift+Space: the range from the last selected), Enter opens the
 * hash details. Row controls are for the mouse and stay out of the Tab order.
 */
import { escapeControls as shownText } from '../../../shared/control-characters';
import {
  defaultRangeExtractor,
  observeElementRect,
  useVirtualizer,
  type Range,
  type Rect,
  type Virtualizer,
} from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { DeviceSummary } from '../../../shared/api/harvester-api';
import type { I18n } from '../../app/app-context';
import { TagText, isTagProblem, tagStatusLabel, tagStatusText } from '../../components/tag-status';
import { lastExportText, sourceText, deviceBadge, tagText } from './device-labels';

/**
 * One row's height in pixels (CSS keeps to it: a cell holds two lines at most, cut with an ellipsis; in a
 * narrow grid the manufacturer and the model share one column, a line each).
 */
export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 44;
export const COLUMN_COUNT = 9;

/**
 * The viewport the rows are laid out for until the browser measures the grid; where nothing is ever laid
 * out (happy-dom in tests) it stays, so the first rows are always rendered.
 */
export const FALLBACK_VIEWPORT: Rect = { width: 1200, height: 600 };

export interface DeviceTableProps {
  readonly i18n: I18n;
  readonly shown: readonly DeviceSummary[];
  readonly selected: ReadonlySet<string>;
  /** Selected devices among `shown`, for the header checkbox. */
  readonly shownSelected: number;
  readonly onToggle: (id: string, range: boolean) => void;
  readonly onToggleAll: () => void;
  readonly onOpen: (id: string) => void;
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly viewport?: Rect;
}

export function DeviceTable(props: DeviceTableProps): ReactNode {
  const { i18n, shown, selected, onToggle, onOpen } = props;
  const viewport = props.viewport ?? FALLBACK_VIEWPORT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    const index = activeId === null ? -1 : shown.findIndex((d) => d.id === activeId);
    return index < 0 ? 0 : index;
  }, [shown, activeId]);

  const observeRect = useMemo(
    () => (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : viewport)),
    [viewport],
  );
  // The active row is always rendered, so it can hold focus while scrolled out of view.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (range.count === 0 || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );
  // No React Compiler in this build; the virtualizer is meant to be read during render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => shown[index]?.id ?? index,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: viewport,
    observeElementRect: observeRect,
    rangeExtractor,
  });

  /** A row to focus once it is rendered (after an arrow key moved the active row). */
  const focusIndex = useRef<number | null>(null);
  useLayoutEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    focusIndex.current = null;
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus({ preventScroll: true });
  });

  const moveTo = (index: number): void => {
    const target = Math.max(0, Math.min(shown.length - 1, index));
    const device = shown[target];
    if (device === undefined) return;
    setActiveId(device.id);
    focusIndex.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (row === null) return;
    const index = Number(row.dataset.index);
    const device = shown[index];
    if (device === undefined) return;
    const onRow = target === row;
    const page = Math.max(
      1,
      Math.floor(((virtualizer.scrollRect?.height ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
    );
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'PageDown':
        moveTo(index + page);
        break;
      case 'PageUp':
        moveTo(index - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(shown.length - 1);
        break;
      case ' ':
        // On the checkbox itself, the browser's own toggle does it.
        if (!onRow) return;
        onToggle(device.id, event.shiftKey);
        break;
      case 'Enter':
        if (!onRow) return;
        onOpen(device.id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowFocus = useCallback((id: string) => setActiveId(id), []);
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      role="grid"
      className="device-grid"
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      aria-rowcount={shown.length + 1}
      aria-colcount={COLUMN_COUNT}
      aria-multiselectable="true"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="device-grid-head">
        <HeaderRow
          i18n={i18n}
          shownCount={shown.length}
          shownSelected={props.shownSelected}
          onToggleAll={props.onToggleAll}
        />
      </div>
      <div role="rowgroup" className="device-grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const device = shown[item.index];
          if (device === undefined) return null;
          return (
            <DeviceRow
              key={device.id}
              i18n={i18n}
              device={device}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              selected={selected.has(device.id)}
              active={item.index === activeIndex}
              onToggle={onToggle}
              onOpen={onOpen}
              onFocus={onRowFocus}
            />
          );
        })}
      </div>
    </div>
  );
}

function HeaderRow(props: {
  i18n: I18n;
  shownCount: number;
  shownSelected: number;
  onToggleAll: () => void;
}): ReactNode {
  const { t } = props.i18n;
  const checkbox = useRef<HTMLInputElement>(null);
  const all = props.shownCount > 0 && props.shownSelected === props.shownCount;
  const some = props.shownSelected > 0 && !all;
  useLayoutEffect(() => {
    if (checkbox.current !== null) checkbox.current.indeterminate = some;
  }, [some]);
  return (
    <div role="row" aria-rowindex={1} className="device-grid-row" style={{ height: HEADER_HEIGHT }}>
      <div role="columnheader" className="device-cell device-cell-select">
        <input
          ref={checkbox}
          type="checkbox"
          checked={all}
          aria-label={t('devices.selectAll')}
          disabled={props.shownCount === 0}
          onChange={props.onToggleAll}
        />
      </div>
      <div role="columnheader" className="device-cell">
        {t('devices.col.serial')}
      </div>
      <div role="columnheader" className="device-cell device-cell-maker">
        {t('devices.col.manufacturer')}
      </div>
      <div role="columnheader" className="device-cell device-cell-model">
        {t('devices.col.model')}
      </div>
      <div role="columnheader" className="device-cell">
        {t('devices.col.groupTag')}
      </div>
      <div role="columnheader" className="device-cell">
        {t('devices.col.source')}
      </div>
      <div role="columnheader" className="device-cell">
        {t('devices.col.added')}
      </div>
      <div role="columnheader" className="device-cell">
        {t('devices.col.exported')}
      </div>
      <div role="columnheader" className="device-cell">
        {t('devices.col.state')}
      </div>
    </div>
  );
}

export interface DeviceRowProps {
  readonly i18n: I18n;
  readonly device: DeviceSummary;
  /** 0-based position among the shown devices. */
  readonly index: number;
  /** Pixels from the top of the rows. */
  readonly top: number;
  readonly selected: boolean;
  /** The row that takes Tab focus. */
  readonly active: boolean;
  readonly onToggle: (id: string, range: boolean) => void;
  readonly onOpen: (id: string) => void;
  readonly onFocus: (id: string) => void;
}

/** One device. Memoised: a keystroke or a selection change re-renders only the rows it changes. */
export const DeviceRow = memo(function DeviceRow(props: DeviceRowProps): ReactNode {
  const { i18n, device, onToggle, onOpen, onFocus } = props;
  const badge = deviceBadge(device);
  const source = sourceText(i18n, device.source);
  const exported = lastExportText(i18n, device.exports);
  const added = i18n.dateTime(device.addedAt);
  const tag = tagText(i18n, device.groupTag);
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      tabIndex={props.active ? 0 : -1}
      data-index={props.index}
      className="device-grid-row device-row"
      style={{ height: ROW_HEIGHT, transform: `translateY(${props.top}px)` }}
      onFocus={() => onFocus(device.id)}
    >
      <div role="gridcell" className="device-cell device-cell-select">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={props.selected}
          aria-label={i18n.t('devices.selectRow', { serial: device.serial })}
          onChange={ignoreChange}
          onClick={(event: MouseEvent<HTMLInputElement>) => onToggle(device.id, event.shiftKey)}
        />
      </div>
      <div role="gridcell" className="device-cell">
        <button
          type="button"
          tabIndex={-1}
          className="btn-link device-serial"
          title={i18n.t('devices.openDetailsHint')}
          onClick={() => onOpen(device.id)}
        >
          {shownText(device.serial)}
        </button>
      </div>
      <div role="gridcell" className="device-cell device-cell-maker" title={shownText(device.manufacturer)}>
        {shownText(device.manufacturer)}
      </div>
      <div role="gridcell" className="device-cell device-cell-model" title={shownText(device.model)}>
        {shownText(device.model)}
      </div>
      <TagCell i18n={i18n} device={device} tag={tag} />
      <div role="gridcell" className="device-cell" title={source}>
        {source}
      </div>
      <div role="gridcell" className="device-cell" title={added}>
        {added}
      </div>
      <div
        role="gridcell"
        className={device.exports.length === 0 ? 'device-cell muted' : 'device-cell'}
        title={exported}
      >
        {exported}
      </div>
      <div role="gridcell" className="device-cell">
        <span className={badge.className}>{i18n.t(badge.label)}</span>
      </div>
    </div>
  );
});

/**
 * The group tag, broken only between its words; a mistyped, custom or unusable tag is marked, with what it
 * means in the cell's title and for screen readers.
 */
function TagCell(props: { i18n: I18n; device: DeviceSummary; tag: string }): ReactNode {
  const { i18n, device, tag } = props;
  const problem = isTagProblem(device.tagStatus);
  const label = tagStatusLabel(i18n, device.tagStatus);
  const text = tagStatusText(i18n, device.tagStatus);
  const className = device.groupTag === '' ? 'device-cell device-tag muted' : 'device-cell device-tag';
  return (
    <div
      role="gridcell"
      className={problem ? `${className} device-tag-problem` : className}
      title={text === null ? tag : `${tag}\n${text}`}
    >
      {problem ? (
        <span className="device-tag-mark" aria-hidden="true">
          ⚠{' '}
        </span>
      ) : null}
      {device.groupTag === '' ? tag : <TagText tag={tag} />}
      {label === null ? null : <span className="visually-hidden">{` (${label})`}</span>}
    </div>
  );
}

/** The click handler toggles (it knows about Shift); React still wants a change handler on a checked box. */
function ignoreChange(): void {}
