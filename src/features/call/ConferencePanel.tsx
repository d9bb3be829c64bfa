import { Trans, useLingui } from '@lingui/react/macro';
import { useEffect, useRef } from 'react';
import { callerName } from '../../stores/caller-name-instance';
import type { ConferenceLeave, ConferenceSnapshot } from '../../stores/conference';
import { CallState, type CallSnapshot } from '../../stores/phone-types';

interface ConferencePanelProps {
  lines: CallSnapshot[];
  conference: ConferenceSnapshot | null;
  /** The line the controls act on (Split keeps it talking). */
  currentId: string | null;
  /** The host pressed Hang up: ask how to leave. */
  leaving: boolean;
  /** The two calls being merged, until the mix is up (or the merge failed). */
  merging: readonly [string, string] | null;
  onMerge(callId: string, otherCallId: string): void;
  onSplit(keepCallId: string): void;
  onLeave(how: ConferenceLeave): void;
  onCancelLeave(): void;
}

/**
 * Conference controls (issue 11): Merge when there are exactly two connected lines, one of them on
 * hold; in a conference, who is in it and Split; after Hang up, the host's choice between ending it
 * for everyone and leaving the other two connected.
 */
export function ConferencePanel(props: ConferencePanelProps) {
  const { lines, conference, currentId, leaving } = props;
  const { t } = useLingui();
  // The host's choice takes focus when it opens, on its least destructive answer (as alert dialogs do).
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (leaving) stay.current?.focus();
  }, [leaving]);
  const names = (ids: readonly string[]) =>
    ids.map(
      (id) => callerName(lines.find((l) => l.id === id) ?? { remoteUser: id, remoteDisplayName: null }).name,
    );

  if (conference) {
    const [first, second] = names(conference.callIds);
    const keep = currentId && conference.callIds.includes(currentId) ? currentId : conference.callIds[0];
    return (
      <div className="conference" role="group" aria-label={t`Conference`}>
        <p className="conference-who" data-testid="conference-status">
          {conference.muted ? (
            <Trans>
              Conference with {first} and {second} · you are muted
            </Trans>
          ) : (
            <Trans>
              Conference with {first} and {second}
            </Trans>
          )}
        </p>
        {leaving ? (
          <div className="conference-leave" role="alertdialog" aria-label={t`Leave the conference`}>
            <p>
              <Trans>
                You are hanging up. What about {first} and {second}?
              </Trans>
            </p>
            <button type="button" className="line-choose conference-end" onClick={() => props.onLeave('end')}>
              <Trans>End the conference for everyone</Trans>
            </button>
            <button type="button" className="line-choose" onClick={() => props.onLeave('connect')}>
              <Trans>Leave the other two connected</Trans>
            </button>
            <button type="button" className="line-choose" ref={stay} onClick={props.onCancelLeave}>
              <Trans>Stay in the conference</Trans>
            </button>
          </div>
        ) : (
          <button type="button" className="line-choose" onClick={() => props.onSplit(keep)}>
            <Trans>Split</Trans>
          </button>
        )}
      </div>
    );
  }

  if (props.merging) {
    const [first, second] = names(props.merging);
    return (
      <div className="conference" role="group" aria-label={t`Conference`}>
        <p className="conference-who" role="status">
          <Trans>
            Merging {first} and {second}…
          </Trans>
        </p>
      </div>
    );
  }

  const connected = lines.filter((line) => line.state === CallState.Active);
  const held = connected.filter((line) => line.held);
  if (lines.length !== 2 || connected.length !== 2 || held.length !== 1) return null;
  const [a, b] = connected as [CallSnapshot, CallSnapshot];
  return (
    <div className="conference" role="group" aria-label={t`Conference`}>
      <button type="button" className="line-choose" onClick={() => props.onMerge(a.id, b.id)}>
        <Trans>Merge calls</Trans>
      </button>
    </div>
  );
}
