-- Version 1 of the server's schema.
--
-- Posts and comments are soft-deleted (`deleted = 1`) so a retried create with
-- the same client_id still finds the first result. Counters are kept on the
-- rows they describe so a post renders without aggregates.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    job_title TEXT NOT NULL,
    department TEXT NOT NULL,
    site TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL,
    -- Name and handle, lowercased and without accents, for the directory search.
    search TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX users_email ON users(email);

CREATE TABLE tokens (
    hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    visibility TEXT NOT NULL,
    kind TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    member_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_user ON memberships(user_id, group_id);

CREATE TABLE follows (
    user_id INTEGER NOT NULL REFERENCES users(id),
    group_id INTEGER NOT NULL REFERENCES groups(id),
    following INTEGER NOT NULL,
    PRIMARY KEY (user_id, group_id)
) WITHOUT ROWID;

CREATE TABLE read_markers (
    user_id INTEGER NOT NULL REFERENCES users(id),
    group_id INTEGER NOT NULL REFERENCES groups(id),
    last_read_post_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, group_id)
) WITHOUT ROWID;

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    like_count INTEGER NOT NULL DEFAULT 0,
    has_poll INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    UNIQUE (author_id, client_id)
);
CREATE INDEX posts_group ON posts(group_id, id) WHERE deleted = 0;

CREATE TABLE polls (
    post_id INTEGER PRIMARY KEY REFERENCES posts(id),
    question TEXT NOT NULL,
    multiple INTEGER NOT NULL,
    closes_at INTEGER,
    voters INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE poll_options (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    votes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX poll_options_post ON poll_options(post_id, position);

CREATE TABLE votes (
    post_id INTEGER NOT NULL REFERENCES posts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    option_id INTEGER NOT NULL REFERENCES poll_options(id),
    PRIMARY KEY (post_id, user_id, option_id)
) WITHOUT ROWID;

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL,
    post_id INTEGER NOT NULL REFERENCES posts(id),
    group_id INTEGER NOT NULL REFERENCES groups(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    UNIQUE (author_id, client_id)
);
CREATE INDEX comments_post ON comments(post_id, id);

CREATE TABLE reactions (
    post_id INTEGER NOT NULL REFERENCES posts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id, kind)
) WITHOUT ROWID;

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    comment_id INTEGER REFERENCES comments(id),
    group_id INTEGER NOT NULL REFERENCES groups(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX mentions_unique ON mentions(user_id, post_id, IFNULL(comment_id, 0));

-- The change log: one row per entity key, moved to a new `seq` by each write
-- (INSERT OR REPLACE with AUTOINCREMENT gives a fresh, never reused number).
-- `kind` is a `feed::Kind`; (k1, k2) the entity key; `group_id` scopes the row
-- to the group's readers, `user_id` to one user. `removed` marks tombstones,
-- which are pruned after the retention window.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind INTEGER NOT NULL,
    k1 INTEGER NOT NULL,
    k2 INTEGER NOT NULL DEFAULT 0,
    group_id INTEGER,
    user_id INTEGER,
    post_id INTEGER,
    removed INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL
);
CREATE UNIQUE INDEX changes_key ON changes(kind, k1, k2);
CREATE INDEX changes_tombstones ON changes(at) WHERE removed = 1;

-- Small server-wide values: `pruned_through` is the newest seq of a pruned
-- tombstone (older cursors answer 410 Gone).
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO meta(key, value) VALUES ('pruned_through', 0);
-- Make sure sqlite_sequence has a row for `changes` from the start.
INSERT INTO changes(kind, k1, at) VALUES (0, 0, 0);
DELETE FROM changes;
