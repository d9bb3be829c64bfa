import { NavLink } from 'react-router-dom';
import { NAV_ITEMS } from './nav-items';
import { NavIcon } from './NavIcon';

/** Tabs: a bottom bar on phones, a side navigation on wider screens (CSS decides). */
export function NavBar() {
  return (
    <nav className="nav" aria-label="Main">
      <ul className="nav-list">
        {NAV_ITEMS.map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} className="nav-link">
              <NavIcon name={item.icon} />
              <span className="nav-label">{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
