-- Every running instance caches live bearer tokens and listens on channel ledger_token_revoked
-- (platform's TokenRevocationListener). A revocation made by any means, the CLI or plain SQL, notifies the
-- SHA-256 hash of the token (hex), and Postgres delivers it when the revoking transaction commits (never if
-- it rolls back), so every instance drops the token within a second.
CREATE FUNCTION ledger.notify_token_revoked() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('ledger_token_revoked', encode(OLD.token_hash, 'hex'));
    RETURN NULL;
END
$$;

-- revoked_at goes from NULL to a value: the revocation itself
CREATE TRIGGER api_tokens_revoked
    AFTER UPDATE OF revoked_at ON ledger.api_tokens
    FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
    EXECUTE FUNCTION ledger.notify_token_revoked();

-- a live token deleted, or its user, roles or hash rewritten, must not be served from a cache either
CREATE TRIGGER api_tokens_deleted
    AFTER DELETE ON ledger.api_tokens
    FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL)
    EXECUTE FUNCTION ledger.notify_token_revoked();

CREATE TRIGGER api_tokens_changed
    AFTER UPDATE OF token_hash, user_id, roles ON ledger.api_tokens
    FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL AND (OLD.token_hash, OLD.user_id, OLD.roles)
          IS DISTINCT FROM (NEW.token_hash, NEW.user_id, NEW.roles))
    EXECUTE FUNCTION ledger.notify_token_revoked();
