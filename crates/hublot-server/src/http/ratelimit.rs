//! Failed-login counting, per account and per address: after
//! [`MAX_FAILURES`] failures within [`WINDOW`], further attempts answer 429
//! with `Retry-After` until the oldest failure leaves the window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per key within the window.
pub const MAX_FAILURES: usize = 10;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(5 * 60);
/// Keys kept before old ones are swept.
const SWEEP_AT: usize = 10_000;

/// Failed logins by key (`account:LOGIN`, `address:IP`).
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// Seconds to wait if any of `keys` is over the limit.
    pub fn blocked(&self, keys: &[String]) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|k| {
                let q = map.get_mut(k)?;
                while q.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
                    q.pop_front();
                }
                (q.len() >= MAX_FAILURES).then(|| {
                    let oldest = q.front().copied().unwrap_or(now);
                    WINDOW.saturating_sub(now.duration_since(oldest)).as_secs() + 1
                })
            })
            .max()
    }

    /// Counts a failure against each key.
    pub fn fail(&self, keys: &[String]) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > SWEEP_AT {
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) <= WINDOW));
        }
        for k in keys {
            let q = map.entry(k.clone()).or_default();
            q.push_back(now);
            while q.len() > MAX_FAILURES {
                q.pop_front();
            }
        }
    }

    /// Forgets the failures of a key (an account after a good login).
    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}
