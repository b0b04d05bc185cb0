-- Version 1 of the cache schema.
--
-- Server-derived tables are a pure cache: a bootstrap replaces them. Only the
-- outbox (the user's unsent work), the raised notifications and the settings
-- survive a rebuild. Few foreign keys on purpose: the change feed may bring a
-- comment before the post it belongs to, and a cache must never refuse a batch
-- for that; the store deletes dependent rows itself.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    handle      TEXT NOT NULL,
    name        TEXT NOT NULL,
    -- Lowercase name and handle without accents, for directory search.
    name_folded TEXT NOT NULL,
    job_title   TEXT NOT NULL,
    department  TEXT NOT NULL,
    site        TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT,
    disabled    INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX users_handle ON users(handle);
CREATE INDEX users_name ON users(name_folded);

CREATE TABLE groups (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    visibility   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    archived     INTEGER NOT NULL,
    member_count INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE memberships (
    group_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    role      TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_user ON memberships(user_id, group_id);

CREATE TABLE follows (
    group_id  INTEGER PRIMARY KEY,
    following INTEGER NOT NULL
);

CREATE TABLE read_markers (
    group_id          INTEGER PRIMARY KEY,
    last_read_post_id INTEGER NOT NULL
);

-- Older history of a group that the cache does not hold: posts older than `before`.
CREATE TABLE gaps (
    group_id INTEGER PRIMARY KEY,
    before   INTEGER NOT NULL
);

CREATE TABLE posts (
    id            INTEGER PRIMARY KEY,
    client_id     BLOB NOT NULL,
    group_id      INTEGER NOT NULL,
    author_id     INTEGER NOT NULL,
    body          TEXT NOT NULL,
    pinned        INTEGER NOT NULL,
    comment_count INTEGER NOT NULL,
    like_count    INTEGER NOT NULL,
    liked_by_me   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    -- The poll, if any (its options are in poll_options).
    poll_question TEXT,
    poll_multiple INTEGER,
    poll_closes_at INTEGER,
    poll_voters   INTEGER
);
CREATE INDEX posts_group ON posts(group_id, id);
CREATE INDEX posts_author ON posts(author_id, id);
CREATE INDEX posts_pinned ON posts(group_id) WHERE pinned;

CREATE TABLE poll_options (
    id       INTEGER PRIMARY KEY,
    post_id  INTEGER NOT NULL,
    position INTEGER NOT NULL,
    label    TEXT NOT NULL,
    votes    INTEGER NOT NULL,
    -- The signed-in user chose it.
    mine     INTEGER NOT NULL
);
CREATE INDEX poll_options_post ON poll_options(post_id, position);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    client_id  BLOB NOT NULL,
    post_id    INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    author_id  INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at  INTEGER
);
CREATE INDEX comments_post ON comments(post_id, id);
CREATE INDEX comments_group ON comments(group_id);

CREATE TABLE reactions (
    post_id    INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    group_id   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id, kind)
) WITHOUT ROWID;

-- Mentions of the signed-in user. comment_id 0: the post itself.
CREATE TABLE mentions (
    post_id    INTEGER NOT NULL,
    comment_id INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    author_id  INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, comment_id)
) WITHOUT ROWID;
CREATE INDEX mentions_group ON mentions(group_id, post_id);

-- The user's unsent work. Never replaced by a bootstrap.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id  BLOB NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    group_id   INTEGER,
    -- The post concerned; negative: the outbox id of a post not sent yet.
    post_id    INTEGER,
    -- The comment concerned (edit, delete).
    comment_id INTEGER,
    op         TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'queued',
    reason     TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL
);

-- Posts already notified, so a restart never repeats a notification.
CREATE TABLE raised (
    post_id   INTEGER PRIMARY KEY,
    raised_at INTEGER NOT NULL
);

-- Full-text search: external-content tables (the text lives once, in posts
-- and comments), kept in step by triggers.
CREATE VIRTUAL TABLE posts_fts USING fts5(
    body, content='posts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF body ON posts
WHEN old.body IS NOT new.body BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO posts_fts(rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE comments_fts USING fts5(
    body, content='comments', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body ON comments
WHEN old.body IS NOT new.body BEGIN
    INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
END;
