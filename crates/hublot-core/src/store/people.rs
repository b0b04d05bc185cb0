//! The directory: search by name, department and site; mention completion.

use rusqlite::{types::Value, Row};

use super::convert::{fold, initials};
use super::{Store, StoreError};
use crate::views::{PeoplePage, PeopleQuery, PersonRef, PersonView};

/// Columns read by [`person_ref`], from `users u`.
pub(super) const PERSON_COLUMNS: &str = "u.id, u.name, u.handle, u.job_title";

pub(super) fn person_ref(r: &Row<'_>) -> rusqlite::Result<PersonRef> {
    let name: String = r.get(1)?;
    Ok(PersonRef {
        id: r.get(0)?,
        initials: initials(&name),
        name,
        handle: r.get(2)?,
        job_title: r.get(3)?,
    })
}

/// Reads `id, handle, name, job_title, department, site, email, phone, disabled`.
pub(super) fn person_view(r: &Row<'_>) -> rusqlite::Result<PersonView> {
    let name: String = r.get(2)?;
    Ok(PersonView {
        id: r.get(0)?,
        handle: r.get(1)?,
        initials: initials(&name),
        name,
        job_title: r.get(3)?,
        department: r.get(4)?,
        site: r.get(5)?,
        email: r.get(6)?,
        phone: r.get(7)?,
        disabled: r.get(8)?,
    })
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Store {
    /// Searches the directory: every word of `text` must appear in the name or
    /// handle (accent- and case-insensitive); department and site are exact.
    /// By name; `total` counts all matches.
    pub fn people(&self, q: &PeopleQuery) -> Result<PeoplePage, StoreError> {
        let limit = q.limit.unwrap_or(50).clamp(1, 500);
        let offset = q.offset.unwrap_or(0);
        let mut sql = String::from(" FROM users u WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        for word in q
            .text
            .as_deref()
            .map(fold)
            .unwrap_or_default()
            .split_whitespace()
        {
            args.push(Value::Text(format!("%{}%", like_escape(word))));
            sql.push_str(&format!(
                " AND u.name_folded LIKE ?{} ESCAPE '\\'",
                args.len()
            ));
        }
        if let Some(d) = q.department.as_deref().filter(|d| !d.is_empty()) {
            args.push(Value::Text(d.to_string()));
            sql.push_str(&format!(" AND u.department = ?{}", args.len()));
        }
        if let Some(s) = q.site.as_deref().filter(|s| !s.is_empty()) {
            args.push(Value::Text(s.to_string()));
            sql.push_str(&format!(" AND u.site = ?{}", args.len()));
        }
        self.read(|conn| {
            let total: u32 = conn
                .prepare_cached(&format!("SELECT COUNT(*){sql}"))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
            let people = conn
                .prepare_cached(&format!(
                    "SELECT u.id, u.handle, u.name, u.job_title, u.department, u.site, u.email, u.phone, u.disabled{sql}
                     ORDER BY u.name_folded, u.id LIMIT {limit} OFFSET {offset}"
                ))?
                .query_map(rusqlite::params_from_iter(args.iter()), person_view)?
                .collect::<Result<Vec<_>, _>>()?;
            let distinct = |col: &str| -> Result<Vec<String>, StoreError> {
                Ok(conn
                    .prepare_cached(&format!("SELECT DISTINCT {col} FROM users WHERE {col} != '' ORDER BY {col}"))?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            };
            Ok(PeoplePage { people, total, departments: distinct("department")?, sites: distinct("site")? })
        })
    }

    /// People whose handle or a word of whose name starts with `prefix`
    /// (accent- and case-insensitive), for `@mention` completion. Disabled
    /// accounts are left out.
    pub fn mention_candidates(
        &self,
        prefix: &str,
        limit: u32,
    ) -> Result<Vec<PersonRef>, StoreError> {
        let p = like_escape(&fold(prefix.trim_start_matches('@')));
        let limit = limit.clamp(1, 100);
        self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {PERSON_COLUMNS} FROM users u WHERE NOT u.disabled
                     AND (u.handle LIKE ?1 ESCAPE '\\' OR u.name_folded LIKE ?1 ESCAPE '\\' OR u.name_folded LIKE ?2 ESCAPE '\\')
                     ORDER BY u.name_folded LIMIT ?3"
                ))?
                .query_map(rusqlite::params![format!("{p}%"), format!("% {p}%"), limit], person_ref)?
                .collect::<Result<_, _>>()?)
        })
    }
}
