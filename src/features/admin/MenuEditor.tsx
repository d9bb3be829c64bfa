import type { WebphoneConfig } from '../../api/webphone-schemas';
import type { FieldErrors } from '../../stores/admin';
import { MENU_ICONS, TAB_IDS } from '../../stores/webphone-config';
import { Field } from './fields';

type Menu = WebphoneConfig['menu'];
type TabId = keyof Menu;

/** One fieldset per tab: title, Material Symbols icon, position (1 = first) and Disabled. */
export function MenuEditor({
  menu,
  errors,
  onChange,
}: {
  menu: Menu;
  errors: FieldErrors;
  onChange(menu: Menu): void;
}) {
  const set = <K extends keyof Menu[TabId]>(tab: TabId, key: K, value: Menu[TabId][K]) =>
    onChange({ ...menu, [tab]: { ...menu[tab], [key]: value } });
  return (
    <div className="admin-menu">
      {TAB_IDS.map((tab) => {
        const item = menu[tab];
        const err = (key: string) => errors[`menu.${tab}.${key}`];
        return (
          <fieldset key={tab} className="admin-tab" data-testid={`admin-tab-${tab}`}>
            <legend>{tab[0]!.toUpperCase() + tab.slice(1)} tab</legend>
            <Field id={`admin-menu-${tab}-title`} label="Title" error={err('title')}>
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  value={item.title}
                  maxLength={24}
                  onChange={(e) => set(tab, 'title', e.target.value)}
                />
              )}
            </Field>
            <Field id={`admin-menu-${tab}-icon`} label="Icon" error={err('icon')}>
              {(p) => (
                <select
                  {...p}
                  className="field-input"
                  value={item.icon}
                  onChange={(e) => set(tab, 'icon', e.target.value as Menu[TabId]['icon'])}
                >
                  {MENU_ICONS.map((icon) => (
                    <option key={icon} value={icon}>
                      {icon}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`admin-menu-${tab}-position`} label="Position" error={err('position')}>
              {(p) => (
                <input
                  {...p}
                  className="field-input"
                  type="number"
                  min={1}
                  max={TAB_IDS.length}
                  value={Number.isFinite(item.position) ? item.position : ''}
                  onChange={(e) => set(tab, 'position', e.target.valueAsNumber)}
                />
              )}
            </Field>
            <div className="field field-checkbox">
              <input
                id={`admin-menu-${tab}-disabled`}
                type="checkbox"
                checked={item.disabled}
                disabled={tab === 'settings'}
                aria-describedby={tab === 'settings' ? 'admin-settings-always' : undefined}
                onChange={(e) => set(tab, 'disabled', e.target.checked)}
              />
              <label htmlFor={`admin-menu-${tab}-disabled`}>Disabled</label>
              {tab === 'settings' && (
                <span id="admin-settings-always" className="field-hint">
                  Always on: it holds sign-in and the Support log.
                </span>
              )}
              {err('disabled') && <span className="field-error">{err('disabled')}</span>}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
