import { NavLink } from 'react-router-dom';
import { NAV_ITEMS } from './nav-items';
import { Icon } from '../ui/icons';

/** Tabs: a bottom bar on phones, a side navigation on wider screens (CSS decides). */
export function NavBar() {
  return (
    <nav className="nav" aria-label="Main">
      <ul className="nav-list">
        {NAV_ITEMS.map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} className="nav-link">
              <Icon name={item.icon} className="nav-icon" />
              <span className="nav-label">{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
