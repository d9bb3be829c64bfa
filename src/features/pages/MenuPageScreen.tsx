import type { MenuPage } from '../../api/webphone-schemas';
import { HtmlPage } from '../../ui/forms/HtmlPage';
import { isNoContainer } from '../../ui/forms/sanitize';
import { Screen } from '../../ui/Screen';
import './pages.css';

/**
 * An extra menu page from the operator's template (issue 13, ADR 0022): the HTML sanitised by
 * DOMPurify inside the app's frame, or, for `<!-- NO-CONTAINER -->` pages, a frameless iframe
 * sandboxed without scripts that fills the page (the same renderer as the Agent tab's custom pages).
 */
export function MenuPageScreen({ page }: { page: MenuPage }) {
  return (
    <Screen title={page.title} hideTitle={isNoContainer(page.html)} className="screen-menu-page">
      <div className="menu-page">
        <HtmlPage title={page.title} html={page.html} />
      </div>
    </Screen>
  );
}
