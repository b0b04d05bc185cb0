//! Markdown rendering for the views, with a bounded cache of rendered bodies
//! (rendering and sanitising cost far more than reading a row).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use hublot_api::Id;
use rusqlite::{Connection, OptionalExtension};

use super::lock;

/// Entries kept before the cache is emptied.
const MAX_ENTRIES: usize = 20_000;

/// Rendered HTML by hash of the Markdown source. Emptied when the directory
/// changes, since `@mentions` render differently then.
#[derive(Default)]
pub(super) struct RenderCache {
    map: Mutex<HashMap<u64, Arc<str>>>,
}

impl RenderCache {
    pub(super) fn clear(&self) {
        lock(&self.map).clear();
    }

    /// The sanitised HTML of `body`, resolving `@handles` with `conn`.
    pub(super) fn html(&self, conn: &Connection, body: &str) -> String {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        body.hash(&mut h);
        let key = h.finish();
        if let Some(html) = lock(&self.map).get(&key) {
            return html.to_string();
        }
        let resolve = |handle: &str| -> Option<Id> {
            conn.prepare_cached("SELECT id FROM users WHERE handle = ?1")
                .and_then(|mut s| s.query_row([handle], |r| r.get(0)).optional())
                .ok()
                .flatten()
        };
        let html: Arc<str> = crate::markdown::to_html(body, &resolve).into();
        let mut map = lock(&self.map);
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(key, html.clone());
        html.to_string()
    }
}
