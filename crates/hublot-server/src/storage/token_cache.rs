//! An in-memory cache of signed-in tokens (token hash -> user), so an
//! authenticated request needs no database access to know who sends it.
//!
//! Revocations (sign-out, disabling an account, resetting a password) bump
//! the `auth_epoch` row of `meta` in the transaction that revokes; the process
//! that revokes flushes its cache at once, and the server rereads the epoch
//! every [`super::OTHER_WRITERS_RECHECK`] to catch revocations made by another process
//! (the `admin` command while the server runs).
//!
//! A lookup that raced with a revocation must not put the revoked token back:
//! entries are only inserted if no flush happened since the lookup began
//! (the cache's generation is unchanged).

use std::collections::HashMap;
use std::sync::Mutex;

use hublot_api::User;

/// Most tokens cached; past it the cache starts over (tokens are looked up
/// again on their next request).
const MAX_CACHED_TOKENS: usize = 20_000;

#[derive(Default)]
struct Inner {
    /// Bumped by every flush.
    generation: u64,
    /// The last `auth_epoch` seen in the database.
    epoch: i64,
    users: HashMap<Vec<u8>, User>,
}

/// See the module docs.
#[derive(Default)]
pub(crate) struct TokenCache {
    inner: Mutex<Inner>,
}

impl TokenCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The cached user of a token hash.
    pub fn get(&self, hash: &[u8]) -> Option<User> {
        self.lock().users.get(hash).cloned()
    }

    /// The current generation, to pass to [`TokenCache::insert`] after a
    /// database lookup.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Caches a lookup that began at `generation`, unless a flush happened
    /// since (the token may have been revoked meanwhile).
    pub fn insert(&self, generation: u64, hash: &[u8], user: &User) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.users.len() >= MAX_CACHED_TOKENS {
            inner.users.clear();
        }
        inner.users.insert(hash.to_vec(), user.clone());
    }

    /// Forgets every token (after a revocation).
    pub fn flush(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.users.clear();
    }

    /// Flushes if the database's revocation epoch moved since last seen.
    pub fn observe_epoch(&self, epoch: i64) {
        let mut inner = self.lock();
        if inner.epoch != epoch {
            inner.epoch = epoch;
            inner.generation += 1;
            inner.users.clear();
        }
    }
}
