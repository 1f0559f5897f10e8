-- Each agent's session as its node last saw it, written on every change (log-in, leg up, state, log-out), so a node
-- restarted after a crash or a deploy knows which agent legs in cobra-agent its previous run opened: it re-adopts or
-- hangs up those, and never touches a leg another node owns (several dialer nodes may share one Asterisk).
-- One row per agent (its latest session); no personal data: ids, the extension and channel names only.
CREATE TABLE agent_sessions (
  agent_id      VARCHAR(64)  NOT NULL COMMENT 'Cobra agent id (the exten of its leg in cobra-agent)',
  extension     VARCHAR(32)  NOT NULL COMMENT 'what the agent logged in on (the endpoint template''s {ext})',
  campaigns     VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'campaign codes served, comma-separated; empty = any',
  node          VARCHAR(64)  NOT NULL COMMENT 'the dialer node that owns the session and its leg',
  pbx           VARCHAR(64)  NULL COMMENT 'the PBX server the leg lives on (null until it is up)',
  leg_channel   VARCHAR(128) NULL COMMENT 'the leg''s channel name, e.g. PJSIP/301-0000002a',
  leg_uniqueid  VARCHAR(64)  NULL COMMENT 'the leg''s Asterisk Uniqueid',
  state         VARCHAR(16)  NOT NULL COMMENT 'OPENING (leg not up yet), READY, PAUSED, ON_CALL, WRAP_UP or LOGGED_OUT',
  pause_reason  VARCHAR(64)  NULL,
  call_id       VARCHAR(40)  NULL COMMENT 'the call held while ON_CALL',
  updated_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (agent_id),
  KEY ix_agent_sessions_node (node, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
