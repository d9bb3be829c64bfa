import { Trans } from '@lingui/react/macro';
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

interface TabBoundaryProps {
  children: ReactNode;
}

interface TabBoundaryState {
  failed: boolean;
  /** Bumped by Try again: the tab mounts anew and asks for its chunk again. */
  attempt: number;
}

/**
 * One tab's failure stays in that tab. A tab's chunk that cannot be fetched (offline before the service
 * worker has precached it, a network error, a deploy that removed it) used to unmount the whole app and
 * leave a blank page; the header and the tab bar now stay, and the tab says what happened.
 */
export class TabBoundary extends Component<TabBoundaryProps, TabBoundaryState> {
  override state: TabBoundaryState = { failed: false, attempt: 0 };

  static getDerivedStateFromError(): Partial<TabBoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Openline: a screen failed to load', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
    return (
      <div className="tab-failed" role="alert">
        <p>
          <Trans>This screen could not be loaded. Check your connection, then try again.</Trans>
        </p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => this.setState((s) => ({ failed: false, attempt: s.attempt + 1 }))}
        >
          <Trans>Try again</Trans>
        </button>
      </div>
    );
  }
}
