/**
 * Versioned schema migrations. Append new entries; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE accounts (
        username     TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        -- Digest HA1 = MD5(username:realm:password); the password itself is never stored.
        realm        TEXT NOT NULL,
        ha1          TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'webcall rooms audit',
    sql: `
      CREATE TABLE webcall_rooms (
        room_id       TEXT PRIMARY KEY,
        provider      TEXT NOT NULL CHECK (provider IN ('sip', 'sendbird')),
        agent         TEXT NOT NULL,
        customer_name TEXT,
        ticket        TEXT,
        guest_user    TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL,
        sent_via      TEXT,
        sent_at       INTEGER
      ) STRICT;
      CREATE INDEX webcall_rooms_agent ON webcall_rooms (agent, created_at);
    `,
  },
  {
    version: 3,
    name: 'agent workspace: buttons, forms, phonebook, campaign',
    sql: `
      CREATE TABLE agent_buttons (
        id          TEXT PRIMARY KEY,
        label       TEXT NOT NULL,
        icon        TEXT,
        tooltip     TEXT,
        type        TEXT,
        placement   TEXT NOT NULL DEFAULT 'agent',
        sandbox_id  TEXT,
        fn          TEXT,
        form_id     TEXT,
        sort_order  INTEGER NOT NULL DEFAULT 0,
        min_select  INTEGER,
        max_select  INTEGER
      ) STRICT;
      CREATE TABLE agent_forms (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        description  TEXT,
        -- JSON array of field definitions (ConnexCS form schema).
        fields_json  TEXT NOT NULL DEFAULT '[]',
        submit_label TEXT,
        sandbox_id   TEXT,
        html         TEXT,
        collapse     INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE agent_phonebook (
        number   TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        company  TEXT NOT NULL DEFAULT '',
        email    TEXT NOT NULL DEFAULT '',
        notes    TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE TABLE agent_campaigns (
        id      TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        -- Demo campaigns start over when every lead has been worked.
        recycle INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE agent_leads (
        id          INTEGER PRIMARY KEY,
        campaign_id TEXT NOT NULL REFERENCES agent_campaigns(id),
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        company     TEXT NOT NULL DEFAULT '',
        phone       TEXT NOT NULL,
        alt_phone   TEXT NOT NULL DEFAULT '',
        phone_code  TEXT NOT NULL DEFAULT '',
        notes       TEXT NOT NULL DEFAULT '',
        status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'done', 'skipped')),
        outcome     TEXT CHECK (outcome IN ('Yes', 'No', 'Unknown')),
        agent       TEXT,
        updated_at  INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX agent_leads_queue ON agent_leads (campaign_id, status, position);
      CREATE TABLE agent_outcomes (
        id         INTEGER PRIMARY KEY,
        lead_id    INTEGER NOT NULL REFERENCES agent_leads(id),
        agent      TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('Yes', 'No', 'Unknown')),
        notes      TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'webcall rooms can be closed (their guests lose access)',
    sql: `ALTER TABLE webcall_rooms ADD COLUMN closed_at INTEGER;`,
  },
  {
    version: 5,
    name: 'api sessions',
    sql: `
      -- API sign-ins survive a restart (issue 16.2). Only a SHA-256 of the cookie token is stored, so a
      -- copy of the database does not hold live cookies.
      CREATE TABLE api_sessions (
        token_hash   TEXT PRIMARY KEY,
        username     TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX api_sessions_by_user ON api_sessions (username, created_at);
      CREATE INDEX api_sessions_by_expiry ON api_sessions (expires_at);
    `,
  },
  {
    version: 8,
    name: 'voicemail messages',
    sql: `
      -- One row per message; the audio is a file under DATA_DIR/voicemail/ named by the row id.
      -- Ids are random (never sequential) so they cannot be enumerated; every read is by owner too.
      CREATE TABLE voicemail_messages (
        id          TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        caller      TEXT NOT NULL,
        caller_name TEXT NOT NULL DEFAULT '',
        call_id     TEXT NOT NULL DEFAULT '',
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        received_at INTEGER NOT NULL,
        heard_at    INTEGER,
        media_type  TEXT NOT NULL CHECK (media_type IN ('audio/ogg', 'audio/webm', 'audio/wav')),
        size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
        source      TEXT NOT NULL CHECK (source IN ('embedded', 'kamailio', 'ingest'))
      ) STRICT;
      CREATE INDEX voicemail_by_owner ON voicemail_messages (owner, received_at DESC, id DESC);
    `,
  },
  {
    version: 9,
    name: 'web push subscriptions',
    sql: `
      -- One row per browser/device that asked to ring while Openline is closed (server/push). The endpoint
      -- is the push service's capability URL; p256dh/auth are the subscription's public key and secret.
      CREATE TABLE push_subscriptions (
        id         INTEGER PRIMARY KEY,
        username   TEXT NOT NULL,
        endpoint   TEXT NOT NULL UNIQUE,
        p256dh     TEXT NOT NULL,
        auth       TEXT NOT NULL,
        device     TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX push_subscriptions_by_user ON push_subscriptions (username);
    `,
  },
  {
    version: 7,
    name: 'company directory (phonebook) with revisions and tombstones; replaces agent_phonebook',
    sql: `
      -- One row per person or SIP account. Every change takes the next revision (rev), so a client
      -- asks for "everything after rev N"; a deleted entry stays as a tombstone (deleted = 1).
      CREATE TABLE phonebook (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        organization TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        sip_user     TEXT UNIQUE,
        -- JSON array of {label, number}; numbers are E.164 or extensions.
        phones_json  TEXT NOT NULL DEFAULT '[]',
        rev          INTEGER NOT NULL,
        deleted      INTEGER NOT NULL DEFAULT 0,
        updated_at   INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX phonebook_by_rev ON phonebook (rev);
      -- Lookup of a caller's number (CRM lookup): the compact number of each phone.
      CREATE TABLE phonebook_numbers (
        number   TEXT NOT NULL,
        entry_id TEXT NOT NULL REFERENCES phonebook(id) ON DELETE CASCADE,
        PRIMARY KEY (number, entry_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX phonebook_numbers_by_entry ON phonebook_numbers (entry_id);
      -- The agent CRM's own table (migration 3) moves into the directory, one revision per row.
      INSERT INTO phonebook (id, name, organization, email, notes, phones_json, rev, updated_at)
        SELECT 'tel:' || number, name, company, email, notes,
               json_array(json_object('label', 'work', 'number', number)),
               row_number() OVER (ORDER BY number), 0
        FROM agent_phonebook;
      INSERT INTO phonebook_numbers (number, entry_id) SELECT number, 'tel:' || number FROM agent_phonebook;
      DROP TABLE agent_phonebook;
    `,
  },
  {
    version: 10,
    name: 'voicemail settings per account',
    sql: `
      -- One row per account that changed its voicemail settings (server/voicemail/settings-store.ts);
      -- no row means the server's defaults. The greeting is a file, DATA_DIR/voicemail/greetings/<user>.ogg.
      CREATE TABLE voicemail_settings (
        username    TEXT PRIMARY KEY,
        -- 0: unanswered, busy and unregistered calls end as they would without voicemail.
        enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        -- Seconds the phones ring before voicemail answers; NULL: VOICEMAIL_NO_ANSWER_MS.
        no_answer_s INTEGER CHECK (no_answer_s BETWEEN 5 AND 120),
        updated_at  INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 11,
    name: 'offline chat messages',
    sql: `
      -- Chat (issue 14): a MESSAGE for a user with no registration, kept until one of the user's phones
      -- answers it 2xx (server/chat/offline-store.ts). Bounded per user and by age; at most one row per
      -- recipient and Call-ID, so a retransmission is stored once.
      CREATE TABLE offline_messages (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        recipient       TEXT NOT NULL,
        sender          TEXT NOT NULL,
        from_header     TEXT NOT NULL,
        call_id         TEXT NOT NULL,
        content_type    TEXT NOT NULL,
        -- Message-ID and Disposition-Notification as received (JSON array of [name, value]).
        headers_json    TEXT NOT NULL,
        body            TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        UNIQUE (recipient, call_id)
      ) STRICT;
      CREATE INDEX offline_messages_by_recipient ON offline_messages (recipient, id);
    `,
  },
  {
    version: 12,
    name: 'roles, account balance, webphone configuration and the admin audit',
    sql: `
      -- Issue 13: every account has a role (admin, agent, user); the demo seed sets the demo accounts' roles.
      ALTER TABLE accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'agent', 'user'));
      -- Display Balance: minor units (cents) and an ISO 4217 currency, kept by the operator's billing.
      ALTER TABLE accounts ADD COLUMN balance_minor INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE accounts ADD COLUMN balance_currency TEXT NOT NULL DEFAULT 'USD';
      -- One row: the operator's webphone configuration as JSON (validated by src/api/webphone-schemas.ts).
      CREATE TABLE webphone_config (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        json       TEXT NOT NULL,
        revision   INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      -- Every admin change: who, when, what, before and after (JSON).
      CREATE TABLE admin_audit (
        id          INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        before_json TEXT NOT NULL,
        after_json  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX admin_audit_by_time ON admin_audit (at DESC, id DESC);
    `,
  },
  {
    version: 13,
    name: 'accounts administration: company, disable, who created an account',
    sql: `
      -- Issue 13 (accounts admin, sign-up, Restrict Customer Login). NULL company: none (refused when
      -- Restrict Customer Login is on, unless admin). disabled_at set: the account cannot sign in, get
      -- ephemeral credentials or REGISTER. created_by: the admin's username, 'signup' or 'seed'.
      ALTER TABLE accounts ADD COLUMN company TEXT CHECK (company IS NULL OR length(company) BETWEEN 1 AND 60);
      ALTER TABLE accounts ADD COLUMN disabled_at INTEGER;
      ALTER TABLE accounts ADD COLUMN created_by TEXT NOT NULL DEFAULT 'seed';
      CREATE INDEX accounts_by_company ON accounts (company);
    `,
  },
  {
    version: 14,
    name: 'channels: bring your own channel (customers, conversations, messages)',
    sql: `
      -- Issue 14 (ADR 0020): customers reach agents over WhatsApp/Viber/generic webhooks. Channels come
      -- from CHANNELS (JSON) and the demo seed; the row is refreshed at every start.
      CREATE TABLE channels (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('generic', 'whatsapp', 'viber')),
        -- HMAC key for inbound signatures and for signing outbound posts.
        secret        TEXT NOT NULL,
        -- Where replies go; a path (/api/dev/...) is resolved against this server's own URL.
        outbound_url  TEXT NOT NULL,
        -- JSON array of {name, text}: what may be sent outside WhatsApp's 24-hour window.
        templates     TEXT NOT NULL DEFAULT '[]',
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE channel_customers (
        id            INTEGER PRIMARY KEY,
        channel       TEXT NOT NULL REFERENCES channels (id),
        channel_id    TEXT NOT NULL,
        display_name  TEXT NOT NULL DEFAULT '',
        created_at    INTEGER NOT NULL,
        UNIQUE (channel, channel_id)
      ) STRICT;
      CREATE TABLE channel_conversations (
        id              INTEGER PRIMARY KEY,
        customer        INTEGER NOT NULL REFERENCES channel_customers (id),
        -- NULL: in the unassigned queue (visible to every agent, claimable).
        agent           TEXT,
        guest_id        TEXT,
        state           TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        field1          TEXT NOT NULL DEFAULT '',
        field2          TEXT NOT NULL DEFAULT '',
        field3          TEXT NOT NULL DEFAULT '',
        -- How the agent was chosen: named, returning, available, queue, claimed.
        routed_by       TEXT NOT NULL,
        unread          INTEGER NOT NULL DEFAULT 0,
        last_inbound_at INTEGER,
        last_agent_at   INTEGER,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        closed_at       INTEGER
      ) STRICT;
      -- At most one open conversation per customer.
      CREATE UNIQUE INDEX channel_conversations_open ON channel_conversations (customer) WHERE state = 'open';
      CREATE INDEX channel_conversations_by_agent ON channel_conversations (agent, updated_at);
      CREATE TABLE channel_messages (
        id              INTEGER PRIMARY KEY,
        conversation    INTEGER NOT NULL REFERENCES channel_conversations (id),
        direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        -- text, template, call (a webcall link), notice (session ended).
        kind            TEXT NOT NULL DEFAULT 'text',
        body            TEXT NOT NULL,
        -- Provider message id (inbound: dedupe key per channel).
        provider_id     TEXT,
        channel         TEXT NOT NULL,
        -- in: received; out: pending, sent, failed (dead letter).
        status          TEXT NOT NULL CHECK (status IN ('received', 'pending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        dead_letter     TEXT,
        author          TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX channel_messages_dedupe ON channel_messages (channel, provider_id)
        WHERE provider_id IS NOT NULL AND direction = 'in';
      CREATE INDEX channel_messages_by_conversation ON channel_messages (conversation, id);
    `,
  },
  {
    version: 15,
    name: 'webcall room conversations',
    sql: `
      -- Issue 14: the customer on the join page and the room's agent chat before, during and after the
      -- call (server/webcall/chat-store.ts). Rows go when the link expires; one row per author and
      -- client id, so a retried send is stored once.
      CREATE TABLE webcall_chat_messages (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        room_id    TEXT NOT NULL,
        sender     TEXT NOT NULL CHECK (sender IN ('guest', 'agent')),
        author     TEXT NOT NULL,
        client_id  TEXT NOT NULL,
        text       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        UNIQUE (room_id, author, client_id)
      ) STRICT;
      CREATE INDEX webcall_chat_by_room ON webcall_chat_messages (room_id, id);
      CREATE INDEX webcall_chat_by_expiry ON webcall_chat_messages (expires_at);
      -- What the customer's page tells the agent about itself (locale, platform, browser, screen; JSON
      -- validated by src/api/webcall-chat-schemas.ts), per room and guest; purged with the messages.
      CREATE TABLE webcall_chat_guests (
        room_id    TEXT NOT NULL,
        guest_id   TEXT NOT NULL,
        info_json  TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (room_id, guest_id)
      ) STRICT;
    `,
  },
  {
    version: 16,
    name: 'agent buttons and forms built by admins',
    sql: `
      -- Issue 13 (ADR 0022): admins build Agent-tab buttons and forms. They live beside the seeded
      -- demo definitions in the same tables; origin tells them apart ('seed' rows are re-applied at
      -- start and read-only in Admin; 'admin' rows belong to the builder), and updated_* say who last
      -- changed one (the audit keeps before/after).
      ALTER TABLE agent_buttons ADD COLUMN origin TEXT NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed', 'admin'));
      ALTER TABLE agent_buttons ADD COLUMN updated_at INTEGER;
      ALTER TABLE agent_buttons ADD COLUMN updated_by TEXT;
      ALTER TABLE agent_forms ADD COLUMN origin TEXT NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed', 'admin'));
      ALTER TABLE agent_forms ADD COLUMN updated_at INTEGER;
      ALTER TABLE agent_forms ADD COLUMN updated_by TEXT;
    `,
  },
  {
    version: 17,
    name: 'webcall_chat_guests_prechat',
    sql: `
      -- The pre-chat form's answers (issue 14) as the agent sees them ([{label, value}], checked against
      -- the operator's form by server/webcall/chat-routes.ts); purged with the conversation.
      ALTER TABLE webcall_chat_guests ADD COLUMN prechat_json TEXT;
    `,
  },
  {
    version: 18,
    name: 'chat attachments and message history',
    sql: `
      -- Issue 14 (ADR 0024): files sent in chat. The bytes are DATA_DIR/attachments/<id>; the row says
      -- who may fetch them (the uploader and the one recipient named at upload) and what they are.
      CREATE TABLE chat_attachments (
        id          TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        recipient   TEXT NOT NULL,
        type        TEXT NOT NULL CHECK (type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf')),
        name        TEXT NOT NULL,
        size        INTEGER NOT NULL CHECK (size > 0),
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX chat_attachments_by_owner ON chat_attachments (owner, created_at);
      CREATE INDEX chat_attachments_by_age ON chat_attachments (created_at);
      -- The text MESSAGEs the embedded proxy routed between accounts, one row per side (ADR 0024), so a
      -- second device can load a conversation (GET /api/messages). message_id: Message-ID, else Call-ID.
      CREATE TABLE chat_history (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        owner       TEXT NOT NULL,
        peer        TEXT NOT NULL,
        direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        message_id  TEXT NOT NULL,
        body        TEXT NOT NULL,
        at          INTEGER NOT NULL,
        UNIQUE (owner, peer, message_id)
      ) STRICT;
      CREATE INDEX chat_history_by_conversation ON chat_history (owner, peer, at, id);
      CREATE INDEX chat_history_by_owner ON chat_history (owner, at, id);
      CREATE INDEX chat_history_by_age ON chat_history (at);
    `,
  },
  {
    version: 19,
    name: 'channel timelines: call events, media, dead-letter codes',
    sql: `
      -- Issue 14 (ADR 0029): the webcall a channel conversation turned into shows in its timeline.
      -- One row per room whose link was sent on the conversation (server/channels/call-watch.ts).
      CREATE TABLE channel_call_links (
        room_id       TEXT PRIMARY KEY,
        conversation  INTEGER NOT NULL REFERENCES channel_conversations (id),
        agent         TEXT NOT NULL,
        guest_user    TEXT NOT NULL,
        expires_at    INTEGER NOT NULL,
        sent_at       INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX channel_call_links_by_expiry ON channel_call_links (expires_at);
      -- opened (the join page asked), answered (the guest and the agent in a confirmed call),
      -- ended (duration_ms set), expired (the link ran out with no call).
      CREATE TABLE channel_call_events (
        id            INTEGER PRIMARY KEY,
        conversation  INTEGER NOT NULL REFERENCES channel_conversations (id),
        room_id       TEXT NOT NULL,
        event         TEXT NOT NULL CHECK (event IN ('opened', 'answered', 'ended', 'expired')),
        duration_ms   INTEGER,
        at            INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX channel_call_events_by_conversation ON channel_call_events (conversation, id);
      CREATE INDEX channel_call_events_by_room ON channel_call_events (room_id, id);
      CREATE UNIQUE INDEX channel_call_events_once ON channel_call_events (room_id, event)
        WHERE event IN ('opened', 'expired');
      -- Why delivery gave up, as a code the app words (status:503, unreachable, timeout).
      ALTER TABLE channel_messages ADD COLUMN dead_letter_code TEXT;
      -- A message's file (JSON, src/api/channels-schemas.ts ChannelMedia): inbound from the provider's
      -- media URL (kept only after our own magic-byte check), outbound from /api/attachments.
      ALTER TABLE channel_messages ADD COLUMN media_json TEXT;
    `,
  },
  {
    version: 20,
    name: 'webcall room files',
    sql: `
      -- Issue 14 (ADR 0030): images and PDFs sent in a room conversation, when the join widget's
      -- fileTransfer is on. The bytes are DATA_DIR/webcall-files/<id>; the row binds the file to its room
      -- (readable by that room's guests and agent only) and is purged with the messages at link expiry.
      CREATE TABLE webcall_chat_files (
        id          TEXT PRIMARY KEY,
        room_id     TEXT NOT NULL,
        sender      TEXT NOT NULL CHECK (sender IN ('guest', 'agent')),
        author      TEXT NOT NULL,
        type        TEXT NOT NULL CHECK (type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf')),
        name        TEXT NOT NULL,
        size        INTEGER NOT NULL CHECK (size > 0),
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX webcall_chat_files_by_room ON webcall_chat_files (room_id);
      CREATE INDEX webcall_chat_files_by_expiry ON webcall_chat_files (expires_at);
      ALTER TABLE webcall_chat_messages ADD COLUMN file_id TEXT;
    `,
  },
  {
    version: 21,
    name: 'channel call links: the room provider',
    sql: `
      -- Issue 14 (ADR 0034): whose word a call row takes. The embedded proxy's dialogs show SIP rooms'
      -- calls; Sendbird rooms (and every room behind Kamailio) are reported by the agent's app.
      ALTER TABLE channel_call_links ADD COLUMN provider TEXT NOT NULL DEFAULT 'sip'
        CHECK (provider IN ('sip', 'sendbird'));
      UPDATE channel_call_links SET provider = COALESCE(
        (SELECT w.provider FROM webcall_rooms w WHERE w.room_id = channel_call_links.room_id), 'sip');
    `,
  },
  {
    version: 22,
    name: 'channel audio and video in the attachment store',
    sql: `
      -- Issue 14 (ADR 0036): customers' voice notes, audio and videos from channels are kept beside chat
      -- attachments (src/lib/media-types.ts MEDIA_TYPES). SQLite cannot change a CHECK in place: the table
      -- is rebuilt with the same rows and indexes. Chat uploads still accept only the first five types.
      CREATE TABLE chat_attachments_v22 (
        id          TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        recipient   TEXT NOT NULL,
        type        TEXT NOT NULL CHECK (type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf',
                                              'audio/ogg', 'audio/mpeg', 'audio/mp4', 'video/mp4', 'video/webm')),
        name        TEXT NOT NULL,
        size        INTEGER NOT NULL CHECK (size > 0),
        created_at  INTEGER NOT NULL
      ) STRICT;
      INSERT INTO chat_attachments_v22 (id, owner, recipient, type, name, size, created_at)
        SELECT id, owner, recipient, type, name, size, created_at FROM chat_attachments;
      DROP TABLE chat_attachments;
      ALTER TABLE chat_attachments_v22 RENAME TO chat_attachments;
      CREATE INDEX chat_attachments_by_owner ON chat_attachments (owner, created_at);
      CREATE INDEX chat_attachments_by_age ON chat_attachments (created_at);
    `,
  },
];
