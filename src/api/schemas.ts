/**
 * Wire schemas shared by the app (src/api) and the reference server (server/api).
 * Keep this file free of DOM and Node imports: both sides compile it.
 */
import { z } from 'zod/mini';

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeS: z.number(),
  sip: z.object({ mode: z.enum(['embedded', 'external']), registrations: z.int().check(z.nonnegative()) }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** What the app needs to pre-fill Settings when served by the reference server. */
export const ClientConfig = z.object({
  sipDomain: z.string().check(z.minLength(1)),
  /** Absolute ws(s):// URL, or a path such as `/sip` resolved against the page origin. */
  wsUrl: z.string().check(z.minLength(1)),
  iceServers: z.array(
    z.object({
      urls: z.union([z.string(), z.array(z.string())]),
      username: z.optional(z.string()),
      credential: z.optional(z.string()),
    }),
  ),
  /** Demo usernames the server seeded, shown as hints on the sign-in form. */
  demoAccounts: z.array(z.string()),
  /**
   * How the app authenticates to `wsUrl`: `password` (absent on older servers) registers with the
   * account's password; `ephemeral` fetches short-lived credentials from `POST /api/sip/credentials`
   * (reference server in front of Kamailio).
   */
  sipAuth: z.optional(z.enum(['password', 'ephemeral'])),
  /**
   * What webcall links from this origin may name: the Ed25519 key links are signed with (base64url,
   * raw 32 bytes) and the Sendbird application id, if any. The join page refuses links that do not
   * verify with this key or that name a SIP server, ICE server or Sendbird app not published here.
   */
  webcall: z.optional(
    z.object({
      signingKey: z.string().check(z.minLength(1), z.maxLength(64)),
      sendbirdAppId: z.optional(z.string().check(z.maxLength(64))),
    }),
  ),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export const ApiError = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** `POST /api/session`: the SIP account's username and password. */
export const SessionRequest = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  /** Epoch ms (present on sign-in). */
  expiresAt: z.optional(z.number()),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

// ---------------------------------------------------------------------------------------------
// Agent workspace (ConnexCS-compatible softphone buttons and forms, preview-dialer campaign).
// Field names follow the ConnexCS schema (snake_case) so the app could sit in front of it.

/** `GET /api/softphone/button/:id`; the list endpoint answers an array of these. */
export const AgentButton = z.object({
  id: z.string().check(z.minLength(1)),
  label: z.string(),
  icon: z.nullish(z.string()),
  tooltip: z.nullish(z.string()),
  /** Colour role: primary, secondary, success, danger, warning, info. */
  type: z.nullish(z.string()),
  placement: z.nullish(z.string()),
  sandbox_id: z.nullish(z.string()),
  fn: z.nullish(z.string()),
  form_id: z.nullish(z.string()),
  sort_order: z.nullish(z.number()),
  min_select: z.nullish(z.number()),
  max_select: z.nullish(z.number()),
});
export type AgentButton = z.infer<typeof AgentButton>;

import { AGENT_FIELD_TYPES } from './agent-field-types';

export { AGENT_FIELD_TYPES, type AgentFieldType } from './agent-field-types';

/** A field's value; a multi-select's is the list of chosen option values. */
export const AgentFieldValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().check(z.maxLength(500))).check(z.maxLength(200)),
]);
export type AgentFieldValue = z.infer<typeof AgentFieldValue>;

export const AgentFieldOption = z.object({ label: z.string(), value: z.string() });
export type AgentFieldOption = z.infer<typeof AgentFieldOption>;

/** One form field, also the shape of a `formSchema` entry (where everything but `name` is optional). */
export const AgentFormField = z.object({
  type: z.enum(AGENT_FIELD_TYPES),
  name: z.string().check(z.minLength(1)),
  label: z.optional(z.string()),
  placeholder: z.optional(z.string()),
  required: z.optional(z.boolean()),
  disabled: z.optional(z.boolean()),
  hidden: z.optional(z.boolean()),
  multiline: z.optional(z.boolean()),
  defaultValue: z.optional(AgentFieldValue),
  /** A named rule: email, phone, number, url, digits. */
  validation: z.optional(z.string()),
  /** A regular expression the whole value must match. */
  regex: z.optional(z.string()),
  /** Shown when `regex` does not match. */
  regexMessage: z.optional(z.string()),
  /** Columns on a 12-column grid (default 12). */
  width: z.optional(z.int().check(z.gte(1), z.lte(12))),
  /** Put the field in the form's collapsed "More details" section. */
  collapse: z.optional(z.boolean()),
  options: z.optional(z.array(AgentFieldOption)),
  /** A `select` whose agent may tick several options (its value is the list of chosen values). */
  multiple: z.optional(z.boolean()),
  /** A multiple `select`: at least this many options chosen (when anything is chosen, or it is required). */
  min_select: z.optional(z.int().check(z.gte(0))),
  /** A multiple `select`: at most this many options chosen. */
  max_select: z.optional(z.int().check(z.gte(1))),
  /** An `html` field's content (sanitised by the app where it is shown). */
  html: z.optional(z.string()),
});
export type AgentFormField = z.infer<typeof AgentFormField>;

/** `GET /api/softphone/form/:id`: a form (fields) or a custom page (`html`). */
export const AgentForm = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  description: z.nullish(z.string()),
  fields: z.array(z.unknown()),
  submit_label: z.nullish(z.string()),
  sandbox_id: z.nullish(z.string()),
  /** Custom page HTML (sanitised by the app; `<!-- NO-CONTAINER -->` pages render frameless). */
  html: z.nullish(z.string()),
  /** The whole form can be collapsed by the agent. */
  collapse: z.nullish(z.boolean()),
});
export type AgentForm = z.infer<typeof AgentForm>;

/** What the app tells a server script about the agent's situation. */
export const AgentContext = z.object({
  call: z.nullish(
    z.object({
      remote: z.string().check(z.maxLength(256)),
      direction: z.enum(['incoming', 'outgoing']),
      state: z.string().check(z.maxLength(32)),
    }),
  ),
  lead_id: z.nullish(z.int()),
});
export type AgentContext = z.infer<typeof AgentContext>;

/** `POST /api/softphone/button/:id`. */
export const AgentButtonRunRequest = z.object({ context: z.optional(AgentContext) });
export type AgentButtonRunRequest = z.infer<typeof AgentButtonRunRequest>;

/** `POST /api/softphone/form/:id`. */
export const AgentFormSubmitRequest = z.object({
  data: z.record(z.string().check(z.maxLength(128)), AgentFieldValue),
  context: z.optional(AgentContext),
});
export type AgentFormSubmitRequest = z.infer<typeof AgentFormSubmitRequest>;

/**
 * The actions namespace both POST endpoints answer with. The app parses it defensively (it is
 * server input); this is what our reference server sends.
 */
export const AgentActionsResponse = z.object({
  __: z.object({
    action: z.optional(
      z.object({
        name: z.string(),
        params: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()]))),
      }),
    ),
    formSchema: z.optional(
      z.array(z.extend(z.partial(AgentFormField), { name: z.string().check(z.minLength(1)) })),
    ),
    formData: z.optional(z.record(z.string(), AgentFieldValue)),
  }),
});
export type AgentActionsResponse = z.infer<typeof AgentActionsResponse>;

export const LEAD_OUTCOMES = ['Yes', 'No', 'Unknown'] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];

export const Lead = z.object({
  id: z.int(),
  name: z.string(),
  company: z.string(),
  phone: z.string(),
  alt_phone: z.string(),
  phone_code: z.string(),
  notes: z.string(),
  status: z.enum(['new', 'assigned', 'done', 'skipped']),
  outcome: z.nullable(z.enum(LEAD_OUTCOMES)),
});
export type Lead = z.infer<typeof Lead>;

/** `GET /api/agent/campaign`, `POST /api/agent/campaign/next`, `POST /api/agent/campaign/save`. */
export const CampaignView = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  lead: z.nullable(Lead),
  remaining: z.int().check(z.nonnegative()),
  done: z.int().check(z.nonnegative()),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const SaveOutcomeRequest = z.object({
  outcome: z.enum(LEAD_OUTCOMES),
  notes: z.optional(z.string().check(z.maxLength(4000))),
});
export type SaveOutcomeRequest = z.infer<typeof SaveOutcomeRequest>;

// ---------------------------------------------------------------------------------------------
// Ephemeral SIP/TURN credentials (`POST /api/sip/credentials`, signed in).

/** An RTCIceServer as JSON. */
export const IceServerJson = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServerJson = z.infer<typeof IceServerJson>;

/**
 * TURN REST credentials: `authorizationUsername` = `"<unix-expiry>:<user>"`, `password` =
 * base64(HMAC-SHA1(secret, authorizationUsername)), verified by Kamailio (auth_ephemeral) and coturn.
 */
export const SipCredentials = z.object({
  /** The SIP user part they are bound to: From (and To for REGISTER) must use it, or the server answers 403. */
  user: z.string().check(z.minLength(1)),
  /** Digest username for the SIP server. */
  authorizationUsername: z.string().check(z.minLength(1)),
  password: z.string().check(z.minLength(1)),
  /** Epoch ms after which the SIP server rejects them. */
  expiresAt: z.number(),
  /** Lifetime they were minted with (s); the app refreshes them at 80 % of it. */
  ttlSeconds: z.number().check(z.positive()),
  /** ICE servers for calls (TURN entries carry credentials of the same lifetime). */
  iceServers: z.array(IceServerJson),
  /** `relay`: the server wants media through TURN only. */
  iceTransportPolicy: z.optional(z.enum(['all', 'relay'])),
});
export type SipCredentials = z.infer<typeof SipCredentials>;

// ---------------------------------------------------------------------------------------------
// Webcall links (`/api/webcall/*`, signed in). The server prepares a room and answers the join
// parameters; the agent's browser builds (and optionally encrypts) the link itself.

export const WEBCALL_PROVIDERS = ['sip', 'sendbird'] as const;
export const WEBCALL_MIN_EXPIRY_S = 5 * 60;
export const WEBCALL_MAX_EXPIRY_S = 7 * 24 * 3600;

/** `POST /api/webcall/rooms`. */
export const WebcallRoomRequest = z.object({
  customerName: z.optional(z.string().check(z.trim(), z.maxLength(80))),
  /** Ticket or contact reference; also names the Sendbird service user. */
  ticket: z.optional(
    z
      .string()
      .check(z.trim(), z.maxLength(64), z.regex(/^[A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-"')),
  ),
  expiresInS: z.int().check(z.gte(WEBCALL_MIN_EXPIRY_S), z.lte(WEBCALL_MAX_EXPIRY_S)),
  /** Video (default) or an audio-only call; carried in the signed link payload (ADR 0026). */
  media: z.optional(z.enum(['video', 'audio'])),
});
export type WebcallRoomRequest = z.infer<typeof WebcallRoomRequest>;

const webcallCommon = {
  roomId: z.string().check(z.minLength(1)),
  /** Epoch ms: the link and the credentials in it expire together. */
  expiresAt: z.number(),
  agentName: z.string(),
  /** The customer's link payload as the server signed it (both base64url); see src/webcall/link.ts. */
  link: z.object({
    payload: z.string().check(z.minLength(1)),
    signature: z.string().check(z.minLength(1)),
  }),
  /** `audio` for an audio-only room; absent (servers before ADR 0026) or `video` otherwise. */
  media: z.optional(z.enum(['video', 'audio'])),
};

export const WebcallSipRoom = z.object({
  provider: z.literal('sip'),
  ...webcallCommon,
  sip: z.object({
    /** Absolute ws(s):// URL, or a path such as `/sip` to resolve against the page origin. */
    wsUrl: z.string().check(z.minLength(1)),
    domain: z.string().check(z.minLength(1)),
    /** The customer's ephemeral credentials (`"<expiry>:webcall.<room>.<agent>"`). */
    username: z.string().check(z.minLength(1)),
    password: z.string().check(z.minLength(1)),
    /** What the customer calls: the agent's address. */
    target: z.string().check(z.minLength(1)),
    iceServers: z.array(IceServerJson),
  }),
});
export type WebcallSipRoom = z.infer<typeof WebcallSipRoom>;

const SendbirdCredentials = z.object({
  userId: z.string().check(z.minLength(1)),
  accessToken: z.string().check(z.minLength(1)),
});

export const WebcallSendbirdRoom = z.object({
  provider: z.literal('sendbird'),
  ...webcallCommon,
  sendbird: z.object({
    appId: z.string().check(z.minLength(1)),
    /** Goes into the link. */
    customer: SendbirdCredentials,
    /** The agent's own credentials for entering the room (never put in the link). */
    agent: SendbirdCredentials,
  }),
});
export type WebcallSendbirdRoom = z.infer<typeof WebcallSendbirdRoom>;

export const WebcallRoom = z.discriminatedUnion('provider', [WebcallSipRoom, WebcallSendbirdRoom]);
export type WebcallRoom = z.infer<typeof WebcallRoom>;

/** `GET /api/webcall/config`. */
export const WebcallConfig = z.object({
  provider: z.enum(WEBCALL_PROVIDERS),
  /** An outbound webhook is configured ("Send via channel"). */
  channel: z.boolean(),
});
export type WebcallConfig = z.infer<typeof WebcallConfig>;

/** `POST /api/webcall/rooms/:roomId/send`: hand the link to the configured channel (SMS, WhatsApp…). */
export const WebcallSendRequest = z.object({
  channel: z.enum(['sms', 'whatsapp']),
  /** The customer's address on that channel (a phone number). */
  channelId: z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,24}$/, 'enter a phone number')),
  contactName: z.optional(z.string().check(z.trim(), z.maxLength(80))),
  message: z.string().check(z.minLength(1), z.maxLength(1000)),
});
export type WebcallSendRequest = z.infer<typeof WebcallSendRequest>;

/** `POST /api/webcall/rooms/:roomId/close`: the agent ends the room; its guest loses access. */
export const WebcallCloseResult = z.object({ closed: z.literal(true) });
export type WebcallCloseResult = z.infer<typeof WebcallCloseResult>;

export const WebcallSendResult = z.object({ delivered: z.literal(true), status: z.number() });
export type WebcallSendResult = z.infer<typeof WebcallSendResult>;
