import { Trans, useLingui } from '@lingui/react/macro';
import type { CampaignView } from '../../../api/schemas';
import { LEAD_OUTCOMES } from '../../../stores/agent-workspace';
import { useOutcomeLabel } from './outcome-label';

interface LeadCardProps {
  campaign: CampaignView;
  busy: boolean;
  onRun(fn: string, source: string): void;
}

/** The preview dialer: the lead being worked, with Call / Call alt / Next and the outcome buttons. */
export function LeadCard({ campaign, busy, onRun }: LeadCardProps) {
  const lead = campaign.lead;
  const { t } = useLingui();
  const outcomeLabel = useOutcomeLabel();
  const remaining = campaign.remaining;
  const done = campaign.done;
  return (
    <article className="agent-lead" aria-labelledby="agent-lead-name">
      <p className="agent-lead-campaign">
        {campaign.campaign.name} ·{' '}
        <Trans>
          {remaining} to go · {done} done
        </Trans>
      </p>
      {lead ? (
        <>
          <h3 id="agent-lead-name" className="agent-lead-name">
            {/* The campaign's data (data-i18n-data: not interface text). */}
            <bdi data-i18n-data>{lead.name}</bdi>
            {lead.company && (
              <span className="agent-lead-company">
                {' · '}
                <bdi data-i18n-data>{lead.company}</bdi>
              </span>
            )}
          </h3>
          <dl className="agent-lead-numbers">
            <div>
              <dt>
                <Trans>Phone</Trans>
              </dt>
              <dd data-testid="lead-phone" dir="ltr">
                {lead.phone}
              </dd>
            </div>
            <div>
              <dt>
                <Trans context="alternative phone number">Alt</Trans>
              </dt>
              <dd data-testid="lead-alt-phone" dir="ltr">
                {lead.alt_phone || '—'}
              </dd>
            </div>
            {lead.outcome && (
              <div>
                <dt>
                  <Trans>Outcome</Trans>
                </dt>
                <dd data-testid="lead-outcome">{outcomeLabel(lead.outcome)}</dd>
              </div>
            )}
          </dl>
          {lead.notes && (
            <p className="agent-lead-notes" dir="auto">
              {lead.notes}
            </p>
          )}
          <div className="agent-lead-actions">
            <button
              type="button"
              className="button button-call"
              disabled={busy}
              onClick={() => onRun('makeCall(phone)', 'lead: call')}
            >
              <Trans context="lead">Call</Trans>
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy || !lead.alt_phone}
              onClick={() => onRun('makeCall(alt_phone)', 'lead: call alt')}
            >
              <Trans>Call alt</Trans>
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => onRun('next', 'lead: next')}
            >
              <Trans>Next lead</Trans>
            </button>
          </div>
          <div className="agent-lead-outcomes" role="group" aria-label={t`Outcome`}>
            <span className="agent-lead-outcomes-label" aria-hidden="true">
              <Trans>Outcome</Trans>
            </span>
            {LEAD_OUTCOMES.map((o) => (
              <button
                key={o}
                type="button"
                className="button button-secondary agent-outcome"
                aria-pressed={lead.outcome === o}
                disabled={busy}
                onClick={() => onRun(`save(${o})`, `lead: ${o}`)}
              >
                {outcomeLabel(o)}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="agent-muted">
          <Trans>No leads left in this campaign.</Trans>
        </p>
      )}
    </article>
  );
}
