-- When the certificate an HTTPS or TLS-expiry check saw expires (epoch milliseconds), so that
-- every such attempt reports the days it had left.
ALTER TABLE probe_attempt ADD COLUMN cert_not_after BIGINT;
