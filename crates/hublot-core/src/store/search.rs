//! Full-text search over cached posts and comments (FTS5, accent- and
//! case-insensitive, newest first) with highlighted, escaped snippets.

use hublot_api::Id;
use rusqlite::{params, Row};

use super::feed::ViewBuilder;
use super::{Store, StoreError};
use crate::views::{GroupRef, HitKind, PersonRef, SearchHit, SearchQuery};

/// Marks FTS5 puts around matched words; the snippet's text is escaped, then
/// they become `<mark>` tags.
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';
/// Words of context in a snippet.
const SNIPPET_TOKENS: u32 = 16;

/// Most words a prefix may stand for before the store leaves the prefix to
/// FTS5 itself (an OR of more whole words would cost more than it saves).
const MAX_COMPLETIONS: usize = 64;

/// The words of a text, as the search and the word list split it.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The FTS5 query for what the user typed: every word must match (as a
/// quoted string, so no word is taken for an operator), the last one as a
/// prefix when `prefix`. None when there is no word.
pub(super) fn fts_query(text: &str, prefix: bool) -> Option<String> {
    let words: Vec<&str> = words(text).collect();
    let n = words.len();
    if n == 0 {
        return None;
    }
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if prefix && i + 1 == n {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The query for what the user typed with its last word completed from the
/// index's word list: `"a" AND ("bcd" OR "bce")`. None when the last word
/// completes to no word or to too many (FTS5's own prefix query then runs).
fn completed_query(conn: &rusqlite::Connection, text: &str) -> Result<Option<String>, StoreError> {
    let words: Vec<&str> = words(text).collect();
    let Some((last, before)) = words.split_last() else {
        return Ok(None);
    };
    let start = super::convert::fold(last);
    let end = format!("{start}{}", char::MAX);
    let terms: Vec<String> = conn
        .prepare_cached(
            "SELECT term FROM search_terms WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3",
        )?
        .query_map(params![start, end, MAX_COMPLETIONS as i64 + 1], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?;
    if terms.is_empty() || terms.len() > MAX_COMPLETIONS {
        return Ok(None);
    }
    let mut q: Vec<String> = before.iter().map(|w| format!("\"{w}\"")).collect();
    let alternatives: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
    q.push(format!("({})", alternatives.join(" OR ")));
    Ok(Some(q.join(" AND ")))
}

/// HTML-escapes a snippet and turns the FTS marks into balanced `<mark>` tags.
pub(super) fn snippet_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 32);
    let mut open = false;
    for c in raw.chars() {
        match c {
            OPEN if !open => {
                out.push_str("<mark>");
                open = true;
            }
            CLOSE if open => {
                out.push_str("</mark>");
                open = false;
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

fn hit(kind: HitKind, r: &Row<'_>) -> rusqlite::Result<SearchHit> {
    let author_id: Id = r.get(4)?;
    let name: Option<String> = r.get(5)?;
    let name = name.unwrap_or_else(|| format!("User {author_id}"));
    Ok(SearchHit {
        kind,
        post_id: r.get(1)?,
        comment_id: if kind == HitKind::Comment {
            Some(r.get(0)?)
        } else {
            None
        },
        group: GroupRef {
            id: r.get(2)?,
            name: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        },
        author: PersonRef {
            id: author_id,
            initials: super::convert::initials(&name),
            name,
            handle: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            job_title: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        },
        snippet_html: snippet_html(&r.get::<_, String>(9)?),
        created_at: r.get(8)?,
    })
}

impl Store {
    /// Searches posts and comments, newest first, optionally in one group or
    /// by one author. "telephone" finds "Téléphone"; the last word matches
    /// as a prefix.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        let (Some(exact), Some(prefixed)) = (fts_query(&q.text, false), fts_query(&q.text, true))
        else {
            return Ok(Vec::new());
        };
        let limit = q.limit.unwrap_or(50).clamp(1, 200);
        self.read(|conn| {
            // Whole words first: FTS5 reads their doclists newest first and
            // stops at the page size. A prefix query must merge the doclists
            // of every word with that prefix, so it only runs when the whole
            // words found less than a page (typing a word not finished yet).
            let mut hits = search_fts(conn, &exact, q, limit)?;
            if hits.len() < limit as usize {
                let seen: std::collections::HashSet<(bool, Id)> = hits
                    .iter()
                    .map(|h| (h.kind == HitKind::Post, h.comment_id.unwrap_or(h.post_id)))
                    .collect();
                let prefixed = completed_query(conn, &q.text)?.unwrap_or(prefixed);
                for h in search_fts(conn, &prefixed, q, limit)? {
                    if !seen.contains(&(h.kind == HitKind::Post, h.comment_id.unwrap_or(h.post_id)))
                    {
                        hits.push(h);
                    }
                }
            }
            // Posts being deleted are not shown anywhere.
            let vb = ViewBuilder::new(conn, &self.inner.render)?;
            hits.retain(|h| !vb.overlay.post_deletes.contains(&h.post_id));
            hits.sort_by_key(|h| std::cmp::Reverse(h.created_at));
            hits.truncate(limit as usize);
            Ok(hits)
        })
    }
}

/// Runs one FTS5 query over posts and comments, newest first.
fn search_fts(
    conn: &rusqlite::Connection,
    fts: &str,
    q: &SearchQuery,
    limit: u32,
) -> Result<Vec<SearchHit>, StoreError> {
    let posts_sql = format!(
        "SELECT p.id, p.id, p.group_id, g.name, p.author_id, u.name, u.handle, u.job_title, p.created_at,
                snippet(posts_fts, 0, char(1), char(2), '…', {SNIPPET_TOKENS})
         FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid
         LEFT JOIN groups g ON g.id = p.group_id LEFT JOIN users u ON u.id = p.author_id
         WHERE posts_fts MATCH ?1 AND (?2 IS NULL OR p.group_id = ?2) AND (?3 IS NULL OR p.author_id = ?3)
         ORDER BY posts_fts.rowid DESC LIMIT ?4"
    );
    let comments_sql = format!(
        "SELECT c.id, c.post_id, c.group_id, g.name, c.author_id, u.name, u.handle, u.job_title, c.created_at,
                snippet(comments_fts, 0, char(1), char(2), '…', {SNIPPET_TOKENS})
         FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid
         LEFT JOIN groups g ON g.id = c.group_id LEFT JOIN users u ON u.id = c.author_id
         WHERE comments_fts MATCH ?1 AND (?2 IS NULL OR c.group_id = ?2) AND (?3 IS NULL OR c.author_id = ?3)
         ORDER BY comments_fts.rowid DESC LIMIT ?4"
    );
    let args = params![fts, q.group_id, q.author_id, limit];
    let mut hits: Vec<SearchHit> = conn
        .prepare_cached(&posts_sql)?
        .query_map(args, |r| hit(HitKind::Post, r))?
        .collect::<Result<_, _>>()?;
    hits.extend(
        conn.prepare_cached(&comments_sql)?
            .query_map(args, |r| hit(HitKind::Comment, r))?
            .collect::<Result<Vec<_>, _>>()?,
    );
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_quotes_words_and_prefixes_the_last() {
        assert_eq!(
            fts_query("télé phone", true).as_deref(),
            Some("\"télé\" \"phone\"*")
        );
        assert_eq!(
            fts_query("a OR b NEAR(c)", true).as_deref(),
            Some("\"a\" \"OR\" \"b\" \"NEAR\" \"c\"*")
        );
        assert_eq!(fts_query(" \"*- ", true), None);
        assert_eq!(
            fts_query("télé phone", false).as_deref(),
            Some("\"télé\" \"phone\"")
        );
    }

    #[test]
    fn snippets_are_escaped_and_marks_balanced() {
        assert_eq!(
            snippet_html("a \u{1}<b>\u{2} & \u{2}c"),
            "a <mark>&lt;b&gt;</mark> &amp; c"
        );
        assert_eq!(snippet_html("\u{1}x"), "<mark>x</mark>");
    }
}
