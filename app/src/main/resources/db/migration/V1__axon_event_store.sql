-- Axon Framework's JDBC storage for the event store (the legal record), snapshots, tracking tokens and
-- dead letters. Column names follow Axon's default EventSchema / TokenSchema / DeadLetterSchema; payloads
-- are bytea (never oid large objects). The global index is a BIGSERIAL (sequence cache 1): gaps only
-- appear for rolled-back transactions, and Axon's gap-aware tracking tokens cover those.

CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    CONSTRAINT domainevententry_aggregate_sequence UNIQUE (aggregateidentifier, sequencenumber),
    CONSTRAINT domainevententry_event_identifier UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    CONSTRAINT snapshotevententry_event_identifier UNIQUE (eventidentifier)
);

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pk PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequence_index UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_processing_group ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_sequence ON deadletterentry (processinggroup, sequenceidentifier);

-- Human-readable case references (NRM-<year>-<number>), unique across the jurisdiction.
CREATE SEQUENCE case_reference_seq START WITH 1 INCREMENT BY 1;
