-- Cobra domain schema (MariaDB 10.6+; InnoDB; utf8mb4).
-- Times are DATETIME(3) in UTC: the application converts Instant <-> UTC LocalDateTime.
-- Money is DECIMAL(15,2): up to 9,999,999,999,999.99 in the account's currency.

CREATE TABLE campaigns (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  code            VARCHAR(64)  NOT NULL COMMENT 'operator-facing id, used by the CLI and API',
  name            VARCHAR(200) NOT NULL,
  preset          VARCHAR(16)  NOT NULL DEFAULT 'BR' COMMENT 'compliance preset: BR, BR-SP, BR-RJ, US, UK',
  caller_id       VARCHAR(32)  NULL,
  status          ENUM('draft','running','paused','stopped') NOT NULL DEFAULT 'draft',
  created_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_campaigns_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE debtors (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  external_id     VARCHAR(64)  NOT NULL COMMENT 'the creditor''s id for the debtor; import upserts by it',
  name            VARCHAR(200) NOT NULL,
  document        VARCHAR(14)  NOT NULL COMMENT 'CPF (11 digits) or CNPJ (14 digits), digits only',
  document_type   ENUM('cpf','cnpj','other') NOT NULL,
  state           CHAR(2)      NULL COMMENT 'Brazilian UF (or US state); drives the calling-window time zone',
  time_zone       VARCHAR(64)  NULL COMMENT 'IANA zone; overrides the zone derived from state and area code',
  segment         VARCHAR(64)  NULL,
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_debtors_external (external_id),
  KEY ix_debtors_document (document)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE accounts (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  debtor_id       BIGINT        NOT NULL,
  external_id     VARCHAR(64)   NOT NULL COMMENT 'the creditor''s id for the debt (contract); import upserts by it',
  principal       DECIMAL(15,2) NOT NULL,
  interest        DECIMAL(15,2) NOT NULL DEFAULT 0,
  fees            DECIMAL(15,2) NOT NULL DEFAULT 0,
  currency        CHAR(3)       NOT NULL DEFAULT 'BRL',
  due_date        DATE          NOT NULL,
  status          ENUM('open','in_agreement','paid','written_off','disputed') NOT NULL DEFAULT 'open',
  promise_until   DATE          NULL COMMENT 'a promise to pay pauses calls until this date',
  created_at      DATETIME(3)   NOT NULL,
  updated_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_accounts_external (external_id),
  KEY ix_accounts_debtor (debtor_id),
  CONSTRAINT fk_accounts_debtor FOREIGN KEY (debtor_id) REFERENCES debtors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE phones (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  debtor_id       BIGINT       NOT NULL,
  e164            VARCHAR(16)  NOT NULL COMMENT 'E.164 with the leading +',
  type            ENUM('mobile','landline') NOT NULL,
  priority        SMALLINT     NOT NULL COMMENT '1 = dial first',
  status          ENUM('valid','wrong_party','invalid','do_not_call') NOT NULL DEFAULT 'valid',
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_phones_debtor_number (debtor_id, e164),
  KEY ix_phones_e164 (e164),
  CONSTRAINT fk_phones_debtor FOREIGN KEY (debtor_id) REFERENCES debtors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A debtor's place in a campaign, and the lease that makes a claim exclusive.
-- next_eligible_at is the single ordering key of the due-account claim:
--   * eligible now        : next_eligible_at <= now
--   * leased by a node    : next_eligible_at = lease_expires_at, so a crashed node's claim becomes
--                           eligible again by itself when its lease expires (no sweeper needed)
--   * finished / stopped  : next_eligible_at IS NULL (state says why)
-- lease_id is a fencing token: a release or extension must present it, so a node whose lease
-- expired and was reclaimed by another node cannot overwrite the new owner's state.
CREATE TABLE campaign_debtors (
  campaign_id      BIGINT       NOT NULL,
  debtor_id        BIGINT       NOT NULL,
  state            ENUM('active','done','next_stage') NOT NULL DEFAULT 'active',
  next_eligible_at DATETIME(3)  NULL,
  lease_node       VARCHAR(64)  NULL,
  lease_id         BIGINT       NULL,
  lease_expires_at DATETIME(3)  NULL,
  claims           INT          NOT NULL DEFAULT 0 COMMENT 'times this debtor was claimed in this campaign',
  last_reason      VARCHAR(255) NULL COMMENT 'why the debtor is not callable now (from the compliance engine)',
  created_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (campaign_id, debtor_id),
  KEY ix_campaign_due (campaign_id, next_eligible_at),
  CONSTRAINT fk_cd_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT fk_cd_debtor FOREIGN KEY (debtor_id) REFERENCES debtors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agents (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  code            VARCHAR(64)  NOT NULL COMMENT 'login id',
  name            VARCHAR(200) NOT NULL,
  extension       VARCHAR(32)  NULL,
  skills          VARCHAR(255) NULL,
  active          BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_agents_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per dial, written before the originate is sent (write-ahead), closed with an outcome.
CREATE TABLE call_attempts (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  call_id         VARCHAR(40)  NOT NULL COMMENT 'our id, set as a channel variable on the PBX',
  campaign_id     BIGINT       NOT NULL,
  debtor_id       BIGINT       NOT NULL,
  phone_id        BIGINT       NOT NULL,
  node            VARCHAR(64)  NOT NULL COMMENT 'dialer node that placed the call',
  pbx             VARCHAR(64)  NULL,
  created_at      DATETIME(3)  NOT NULL,
  originated_at   DATETIME(3)  NULL,
  answered_at     DATETIME(3)  NULL,
  bridged_at      DATETIME(3)  NULL,
  ended_at        DATETIME(3)  NULL,
  outcome         VARCHAR(32)  NULL COMMENT 'calls.CallOutcome code; NULL while open',
  hangup_cause    SMALLINT     NULL COMMENT 'Q.850 cause',
  amd_result      VARCHAR(32)  NULL,
  agent_id        BIGINT       NULL,
  disposition     VARCHAR(32)  NULL COMMENT 'calls.Disposition code',
  recording_path  VARCHAR(255) NULL,
  ivr_progress    VARCHAR(64)  NULL COMMENT 'how far the caller got in the IVR',
  PRIMARY KEY (id),
  UNIQUE KEY uq_attempts_call (call_id),
  KEY ix_attempts_debtor (debtor_id, created_at),
  KEY ix_attempts_phone (phone_id, created_at),
  KEY ix_attempts_open (node, ended_at),
  KEY ix_attempts_campaign (campaign_id, created_at),
  CONSTRAINT fk_attempts_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT fk_attempts_debtor FOREIGN KEY (debtor_id) REFERENCES debtors (id),
  CONSTRAINT fk_attempts_phone FOREIGN KEY (phone_id) REFERENCES phones (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agreements (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  debtor_id        BIGINT        NOT NULL,
  account_id       BIGINT        NOT NULL,
  attempt_id       BIGINT        NULL COMMENT 'the call it was made in; unique so a retry cannot write it twice',
  channel          ENUM('ivr','agent','api') NOT NULL,
  plan             VARCHAR(32)   NOT NULL COMMENT 'full, or installments-N',
  total            DECIMAL(15,2) NOT NULL,
  currency         CHAR(3)       NOT NULL,
  installments     SMALLINT      NOT NULL,
  pix_payload      VARCHAR(512)  NULL,
  payment_code     VARCHAR(64)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_agreements_attempt (attempt_id),
  KEY ix_agreements_debtor (debtor_id),
  CONSTRAINT fk_agreements_debtor FOREIGN KEY (debtor_id) REFERENCES debtors (id),
  CONSTRAINT fk_agreements_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_agreements_attempt FOREIGN KEY (attempt_id) REFERENCES call_attempts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agreement_installments (
  agreement_id     BIGINT        NOT NULL,
  number           SMALLINT      NOT NULL COMMENT '1-based',
  amount           DECIMAL(15,2) NOT NULL,
  due_date         DATE          NOT NULL,
  PRIMARY KEY (agreement_id, number),
  CONSTRAINT fk_installments_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Do-not-call entries, checked at dial time (not only at import).
CREATE TABLE do_not_call (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  kind            ENUM('phone','document') NOT NULL,
  value           VARCHAR(20)  NOT NULL COMMENT 'E.164 number or document digits',
  reason          VARCHAR(255) NULL,
  created_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_dnc (kind, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
