/**
 * The join page's widget settings (issue 14) and the customer's text size. Until the server answers,
 * and when it cannot (offline, an older server), the page is today's page: the settings only ever
 * change how it looks, never whether the customer can join.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { DEFAULT_JOIN_WIDGET } from '../api/join-widget-defaults';

export { JOIN_LANGUAGES, type JoinLanguage } from '../api/join-widget-defaults';

/** The page title until the operator types one: the join page shows it translated. */
export const DEFAULT_JOIN_TITLE = DEFAULT_JOIN_WIDGET.title;
import type { JoinPageWidget as JoinWidget } from '../api/join-widget-schemas';

/** Text sizes the customer can step through, as a share of the browser's own size. */
export const TEXT_SCALES = [0.875, 1, 1.125, 1.25, 1.5] as const;
const NORMAL_SCALE = TEXT_SCALES.indexOf(1);

export interface JoinWidgetState {
  widget: JoinWidget;
  /** The server's settings arrived (false: the defaults are showing). */
  loaded: boolean;
  /** The server answered or could not: what shows now stays (the chat starts with its reconnect time). */
  settled: boolean;
  /** Index into TEXT_SCALES. */
  textScale: number;
}

export interface JoinWidgetStore {
  useStore: UseBoundStore<StoreApi<JoinWidgetState>>;
  /** Fetches the settings once; a failure keeps the defaults (and says why, for the support log). */
  load(): Promise<void>;
  /** Steps the text size up (+1) or down (-1), within TEXT_SCALES; ignored when resizing is off. */
  resizeText(step: 1 | -1): void;
}

export function createJoinWidget(fetchWidget: () => Promise<JoinWidget>): JoinWidgetStore {
  const useStore = create<JoinWidgetState>(() => ({
    widget: DEFAULT_JOIN_WIDGET,
    loaded: false,
    settled: false,
    textScale: NORMAL_SCALE,
  }));
  let loading: Promise<void> | null = null;
  return {
    useStore,
    load() {
      loading ??= fetchWidget().then(
        (widget) => {
          useStore.setState((s) => ({
            widget,
            loaded: true,
            settled: true,
            // Resizing switched off: back to the browser's size.
            textScale: widget.fontResize ? s.textScale : NORMAL_SCALE,
          }));
        },
        (error: unknown) => {
          console.warn('Join page: widget settings unavailable, using the defaults.', error);
          useStore.setState({ settled: true });
        },
      );
      return loading;
    },
    resizeText(step) {
      useStore.setState((s) => {
        if (!s.widget.fontResize) return s;
        const textScale = Math.min(TEXT_SCALES.length - 1, Math.max(0, s.textScale + step));
        return textScale === s.textScale ? s : { textScale };
      });
    },
  };
}
