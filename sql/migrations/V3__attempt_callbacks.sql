-- A "call me back at" disposition carries the instant the debtor asked for; the cadence reads it.
ALTER TABLE call_attempts ADD COLUMN callback_at DATETIME(3) NULL AFTER disposition;
