/**
 * Named places in the shell that features render into. The shell (src/app) places one
 * `SlotOutlet` per name and lays them out; a feature renders `<Slot name>` anywhere in its own tree
 * and its children appear in that outlet (a portal, so the feature keeps its state and context).
 * The shell asks `useSlotFilled` to lay itself out around what is shown, so no feature has to know
 * another feature's markup or styles.
 *
 * - `call`: the call view (the in-call screen).
 * - `bar`: a strip in the shell's own layout (above the tab bar on phones, under the screen on
 *   desktops) for the minimised call; the screen gives up its height, nothing is covered or inert.
 * - `side`: a panel that stays beside the call view (the agent workspace during a call).
 * - `overlay`: a modal layer above everything (the incoming-call sheet); the rest of the app is inert.
 */
import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';

export type SlotName = 'call' | 'bar' | 'side' | 'overlay';

interface SlotsValue {
  targets: Partial<Record<SlotName, HTMLElement>>;
  filled: Partial<Record<SlotName, number>>;
  setTarget(name: SlotName, element: HTMLElement | null): void;
  addFill(name: SlotName, delta: 1 | -1): void;
}

const SlotsContext = createContext<SlotsValue | null>(null);

function useSlots(): SlotsValue {
  const slots = useContext(SlotsContext);
  if (!slots) throw new Error('Slots are used outside <SlotsProvider>');
  return slots;
}

export function SlotsProvider({ children }: { children: ReactNode }) {
  const [targets, setTargets] = useState<SlotsValue['targets']>({});
  const [filled, setFilled] = useState<SlotsValue['filled']>({});
  const setTarget = useCallback((name: SlotName, element: HTMLElement | null) => {
    setTargets((t) => (t[name] === (element ?? undefined) ? t : { ...t, [name]: element ?? undefined }));
  }, []);
  const addFill = useCallback((name: SlotName, delta: 1 | -1) => {
    setFilled((f) => ({ ...f, [name]: (f[name] ?? 0) + delta }));
  }, []);
  const value = useMemo(
    () => ({ targets, filled, setTarget, addFill }),
    [targets, filled, setTarget, addFill],
  );
  return <SlotsContext.Provider value={value}>{children}</SlotsContext.Provider>;
}

/** True while at least one `<Slot name>` is mounted. */
export function useSlotFilled(name: SlotName): boolean {
  return (useSlots().filled[name] ?? 0) > 0;
}

interface SlotOutletProps extends HTMLAttributes<HTMLDivElement> {
  name: SlotName;
}

/** Where the shell shows a slot's content. Empty outlets are `hidden`. */
export function SlotOutlet({ name, ...rest }: SlotOutletProps) {
  const { setTarget } = useSlots();
  const filled = useSlotFilled(name);
  const ref = useCallback((el: HTMLDivElement | null) => setTarget(name, el), [name, setTarget]);
  return <div ref={ref} data-slot={name} hidden={!filled} {...rest} />;
}

/** Renders its children into the shell's outlet of that name (nothing until the outlet exists). */
export function Slot({ name, children }: { name: SlotName; children: ReactNode }) {
  const { targets, addFill } = useSlots();
  useLayoutEffect(() => {
    addFill(name, 1);
    return () => addFill(name, -1);
  }, [name, addFill]);
  const target = targets[name];
  return target ? createPortal(children, target) : null;
}
