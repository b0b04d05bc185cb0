-- Version 2 of the cache schema.
--
-- 1. New posts and comments are indexed for full-text search by the store,
--    one statement per batch, instead of one trigger per row: FTS5 writes its
--    pending terms out at the end of every statement that changes it, so a
--    trigger per inserted row wrote one tiny segment per post and merged
--    them again and again (4 to 5 times slower for a sync batch). Edits and
--    deletions keep their triggers: they are rare and need the old text.
DROP TRIGGER posts_fts_insert;
DROP TRIGGER comments_fts_insert;

-- 2. Unread posts per group, maintained so the sidebar reads a number instead
--    of counting. Invariant: `posts` is the number of posts of the group newer
--    than its read marker and not written by the signed-in user (meta 'me').
--    Posts come and go (sync, purges on leave, deletions), markers move, and
--    groups arrive after their posts: every case keeps the invariant below.
CREATE TABLE group_unread (
    group_id INTEGER PRIMARY KEY,
    posts    INTEGER NOT NULL
);

INSERT INTO group_unread (group_id, posts)
SELECT g.id, (SELECT COUNT(*) FROM posts p
              WHERE p.group_id = g.id
                AND p.id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = g.id), 0)
                AND p.author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me'))
FROM groups g;

-- A group arriving counts the posts that came before it (usually none).
CREATE TRIGGER group_unread_group_insert AFTER INSERT ON groups BEGIN
    INSERT OR REPLACE INTO group_unread (group_id, posts)
    SELECT new.id, COUNT(*) FROM posts
    WHERE group_id = new.id
      AND id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = new.id), 0)
      AND author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me');
END;

CREATE TRIGGER group_unread_group_delete AFTER DELETE ON groups BEGIN
    DELETE FROM group_unread WHERE group_id = old.id;
END;

CREATE TRIGGER group_unread_post_insert AFTER INSERT ON posts
WHEN new.id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = new.group_id), 0)
 AND new.author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me')
BEGIN
    UPDATE group_unread SET posts = posts + 1 WHERE group_id = new.group_id;
END;

CREATE TRIGGER group_unread_post_delete AFTER DELETE ON posts
WHEN old.id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = old.group_id), 0)
 AND old.author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me')
BEGIN
    UPDATE group_unread SET posts = max(posts - 1, 0) WHERE group_id = old.group_id;
END;

-- A post rewritten with another group or author (the store's upsert rewrites
-- every column): moves its count.
CREATE TRIGGER group_unread_post_move AFTER UPDATE OF group_id, author_id ON posts
WHEN old.group_id IS NOT new.group_id OR old.author_id IS NOT new.author_id
BEGIN
    UPDATE group_unread SET posts = max(posts - 1, 0)
    WHERE group_id = old.group_id
      AND old.id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = old.group_id), 0)
      AND old.author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me');
    UPDATE group_unread SET posts = posts + 1
    WHERE group_id = new.group_id
      AND new.id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = new.group_id), 0)
      AND new.author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me');
END;

-- A marker that moves recounts what is left beyond it (usually few posts:
-- markers move to the newest post read).
CREATE TRIGGER group_unread_marker_insert AFTER INSERT ON read_markers BEGIN
    UPDATE group_unread SET posts = (
        SELECT COUNT(*) FROM posts
        WHERE group_id = new.group_id AND id > new.last_read_post_id
          AND author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me'))
    WHERE group_id = new.group_id;
END;

CREATE TRIGGER group_unread_marker_update AFTER UPDATE OF last_read_post_id ON read_markers
WHEN old.last_read_post_id IS NOT new.last_read_post_id
BEGIN
    UPDATE group_unread SET posts = (
        SELECT COUNT(*) FROM posts
        WHERE group_id = new.group_id AND id > new.last_read_post_id
          AND author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me'))
    WHERE group_id = new.group_id;
END;

CREATE TRIGGER group_unread_marker_delete AFTER DELETE ON read_markers BEGIN
    UPDATE group_unread SET posts = (
        SELECT COUNT(*) FROM posts
        WHERE group_id = old.group_id
          AND author_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'me'))
    WHERE group_id = old.group_id;
END;

-- The signed-in user changes only with a bootstrap, which empties the groups
-- first; recount anyway so a changed 'me' never leaves stale counts. (The
-- store writes meta with INSERT OR REPLACE: an insert each time.)
CREATE TRIGGER group_unread_me_change AFTER INSERT ON meta
WHEN new.key = 'me'
BEGIN
    UPDATE group_unread SET posts = (
        SELECT COUNT(*) FROM posts p
        WHERE p.group_id = group_unread.group_id
          AND p.id > COALESCE((SELECT last_read_post_id FROM read_markers WHERE group_id = group_unread.group_id), 0)
          AND p.author_id IS NOT CAST(new.value AS INTEGER));
END;

-- 3. The words of the full-text index, to complete a word being typed: an
--    FTS5 prefix query merges the whole doclist of every word with that
--    prefix before it returns a row (tens of milliseconds on a large cache);
--    the words it could mean, looked up here, make an OR of whole words that
--    FTS5 reads newest first and stops at the page. Kept by the store per
--    batch; words of deleted text stay (harmless: they match nothing).
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.posts_fts_terms USING fts5vocab(main, posts_fts, row);
CREATE VIRTUAL TABLE temp.comments_fts_terms USING fts5vocab(main, comments_fts, row);
INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.posts_fts_terms;
INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.comments_fts_terms;
DROP TABLE temp.posts_fts_terms;
DROP TABLE temp.comments_fts_terms;
