-- How a campaign dials, kept with the campaign so the API can change it and every dialer node reads the same thing.
-- status (V1) is the switch: a node runs the campaigns that are 'running' and stops dialing the others.
ALTER TABLE campaigns
  ADD COLUMN mode           ENUM('ivr','preview','progressive','power','predictive') NOT NULL DEFAULT 'ivr'
                            COMMENT 'ivr: answered calls go to the IVR flow; the others hand answered calls to agents' AFTER status,
  ADD COLUMN ivr_flow       VARCHAR(64)  NOT NULL DEFAULT 'collection' COMMENT 'IVR flow name (mode ivr, and the agents'' fallback)' AFTER mode,
  ADD COLUMN max_lines      INT          NOT NULL DEFAULT 10 COMMENT 'concurrent calls this campaign may hold (ivr mode: the dial budget)' AFTER ivr_flow,
  ADD COLUMN power_ratio    DECIMAL(4,2) NOT NULL DEFAULT 1.50 COMMENT 'power mode: calls per ready agent' AFTER max_lines,
  ADD COLUMN abandon_target DECIMAL(5,4) NOT NULL DEFAULT 0.0300 COMMENT 'predictive: abandoned / live answered, at most the preset''s limit' AFTER power_ratio,
  ADD COLUMN ring_timeout_s INT          NOT NULL DEFAULT 25 COMMENT 'seconds a call may ring (15..60)' AFTER abandon_target,
  ADD COLUMN record_calls   BOOLEAN      NOT NULL DEFAULT FALSE COMMENT 'record answered calls and play the notice' AFTER ring_timeout_s,
  ADD COLUMN updated_at     DATETIME(3)  NULL AFTER created_at;
