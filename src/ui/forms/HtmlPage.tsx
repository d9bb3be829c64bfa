import { useMemo } from 'react';
import { isNoContainer, sanitizeHtml } from './sanitize';

/**
 * A custom page from the server, sanitised with DOMPurify. `<!-- NO-CONTAINER -->` pages render in
 * a frameless iframe sandboxed without scripts, same-origin access, forms, popups or navigation.
 */
export function HtmlPage({ title, html }: { title: string; html: string }) {
  const frameless = isNoContainer(html);
  const clean = useMemo(() => sanitizeHtml(html), [html]);
  if (frameless) {
    return (
      <iframe
        className="agent-page-frame"
        title={title}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={clean}
        data-testid="agent-page-frame"
      />
    );
  }
  return <div className="agent-page" data-testid="agent-page" dangerouslySetInnerHTML={{ __html: clean }} />;
}
