import type { CampaignView } from '../../../api/schemas';
import { LEAD_OUTCOMES } from '../../../stores/agent-workspace';

interface LeadCardProps {
  campaign: CampaignView;
  busy: boolean;
  onRun(fn: string, source: string): void;
}

/** The preview dialer: the lead being worked, with Call / Call alt / Next and the outcome buttons. */
export function LeadCard({ campaign, busy, onRun }: LeadCardProps) {
  const lead = campaign.lead;
  return (
    <article className="agent-lead" aria-labelledby="agent-lead-name">
      <p className="agent-lead-campaign">
        {campaign.campaign.name} · {campaign.remaining} to go · {campaign.done} done
      </p>
      {lead ? (
        <>
          <h3 id="agent-lead-name" className="agent-lead-name">
            {lead.name}
            {lead.company && <span className="agent-lead-company"> · {lead.company}</span>}
          </h3>
          <dl className="agent-lead-numbers">
            <div>
              <dt>Phone</dt>
              <dd data-testid="lead-phone">{lead.phone}</dd>
            </div>
            <div>
              <dt>Alt</dt>
              <dd data-testid="lead-alt-phone">{lead.alt_phone || '—'}</dd>
            </div>
            {lead.outcome && (
              <div>
                <dt>Outcome</dt>
                <dd data-testid="lead-outcome">{lead.outcome}</dd>
              </div>
            )}
          </dl>
          {lead.notes && <p className="agent-lead-notes">{lead.notes}</p>}
          <div className="agent-lead-actions">
            <button
              type="button"
              className="button button-call"
              disabled={busy}
              onClick={() => onRun('makeCall(phone)', 'lead: call')}
            >
              Call
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy || !lead.alt_phone}
              onClick={() => onRun('makeCall(alt_phone)', 'lead: call alt')}
            >
              Call alt
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => onRun('next', 'lead: next')}
            >
              Next lead
            </button>
          </div>
          <div className="agent-lead-outcomes" role="group" aria-label="Outcome">
            <span className="agent-lead-outcomes-label" aria-hidden="true">
              Outcome
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
                {o}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="agent-muted">No leads left in this campaign.</p>
      )}
    </article>
  );
}
