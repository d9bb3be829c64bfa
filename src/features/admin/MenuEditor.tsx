import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { Trans, useLingui } from '@lingui/react/macro';
import type { WebphoneConfig } from '../../api/webphone-schemas';
import type { FieldErrors } from '../../stores/admin';
import { MENU_ICONS, TAB_IDS } from '../../stores/webphone-config';
import { Field } from './fields';

type Menu = WebphoneConfig['menu'];
type TabId = keyof Menu;

/** Each tab's fieldset legend (the tab's built-in name, whatever title the operator gives it). */
const TAB_LEGENDS: Record<TabId, MessageDescriptor> = {
  dialpad: msg`Dialpad tab`,
  history: msg`History tab`,
  contacts: msg`Contacts tab`,
  voicemail: msg`Voicemail tab`,
  messages: msg`Messages tab`,
  agent: msg`Agent tab`,
  settings: msg`Settings tab`,
};

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
  const { t, i18n } = useLingui();
  const set = <K extends keyof Menu[TabId]>(tab: TabId, key: K, value: Menu[TabId][K]) =>
    onChange({ ...menu, [tab]: { ...menu[tab], [key]: value } });
  return (
    <div className="admin-menu">
      {TAB_IDS.map((tab) => {
        const item = menu[tab];
        const err = (key: string) => errors[`menu.${tab}.${key}`];
        return (
          <fieldset key={tab} className="admin-tab" data-testid={`admin-tab-${tab}`}>
            <legend>{i18n._(TAB_LEGENDS[tab])}</legend>
            <Field id={`admin-menu-${tab}-title`} label={t`Title`} error={err('title')}>
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
            <Field id={`admin-menu-${tab}-icon`} label={t`Icon`} error={err('icon')}>
              {(p) => (
                <select
                  {...p}
                  className="field-input"
                  value={item.icon}
                  onChange={(e) => set(tab, 'icon', e.target.value as Menu[TabId]['icon'])}
                >
                  {MENU_ICONS.map((icon) => (
                    // An icon's name (Material Symbols), not a word of the interface: data-i18n-data.
                    <option key={icon} value={icon} data-i18n-data>
                      {icon}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`admin-menu-${tab}-position`} label={t`Position`} error={err('position')}>
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
              <label htmlFor={`admin-menu-${tab}-disabled`}>
                <Trans>Disabled</Trans>
              </label>
              {tab === 'settings' && (
                <span id="admin-settings-always" className="field-hint">
                  <Trans>Always on: it holds sign-in and the Support log.</Trans>
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
