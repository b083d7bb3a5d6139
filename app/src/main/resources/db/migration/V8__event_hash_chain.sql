-- Tamper evidence: every event's metadata carries the hash of its identity, payload and original metadata, chained
-- to the hash of the previous event of the same aggregate ("genesis" for the first). The same function computes the
-- hash on insert and on verification, so any later change to a stored row (payload, metadata, order) or a missing
-- row shows as a break in the chain.
CREATE FUNCTION nrm_event_hash(previous TEXT, aggregate_id TEXT, sequence_number BIGINT, event_id TEXT,
                               payload_type TEXT, payload_revision TEXT, event_time TEXT, meta JSONB, payload BYTEA)
    RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|', previous, aggregate_id, sequence_number::text, event_id,
                                              payload_type, coalesce(payload_revision, ''), event_time,
                                              ((meta - 'hash') - 'previousHash')::text, ''), 'UTF8') || payload), 'hex')
$$;

CREATE FUNCTION domainevententry_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous TEXT;
    meta JSONB;
BEGIN
    IF NEW.sequencenumber > 0 THEN
        SELECT convert_from(e.metadata, 'UTF8')::jsonb ->> 'hash' INTO previous
          FROM domainevententry e
         WHERE e.aggregateidentifier = NEW.aggregateidentifier AND e.sequencenumber = NEW.sequencenumber - 1;
    END IF;
    previous := coalesce(previous, 'genesis');
    meta := (coalesce(convert_from(NEW.metadata, 'UTF8'), '{}')::jsonb - 'hash') - 'previousHash';
    NEW.metadata := convert_to((meta || jsonb_build_object(
        'previousHash', previous,
        'hash', nrm_event_hash(previous, NEW.aggregateidentifier, NEW.sequencenumber, NEW.eventidentifier,
                               NEW.payloadtype, NEW.payloadrevision, NEW.timestamp, meta, NEW.payload)))::text, 'UTF8');
    RETURN NEW;
END;
$$;

CREATE TRIGGER domainevententry_chain BEFORE INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION domainevententry_chain();
