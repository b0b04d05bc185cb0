//! Exponential backoff with full jitter, from 0.5 s up to 60 s, where the
//! server's `Retry-After` wins.

use std::time::Duration;

use rand::Rng;

/// Shortest wait between attempts: never spin.
pub const MIN_DELAY: Duration = Duration::from_millis(500);
/// Longest wait between attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(60);

/// Failed attempts so far, and the next delay.
#[derive(Debug, Clone, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// Forgets past failures after a success.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// Failures in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Records a failure and returns how long to wait: the server's
    /// `retry_after` when given (at least [`MIN_DELAY`]), otherwise a random
    /// delay between [`MIN_DELAY`] and `min(MAX_DELAY, 0.5 s × 2^failures)`.
    pub fn next_delay(&mut self, retry_after: Option<Duration>) -> Duration {
        self.failures = self.failures.saturating_add(1);
        if let Some(d) = retry_after {
            return d.max(MIN_DELAY);
        }
        let exp = self.failures.saturating_sub(1).min(16);
        let cap = MIN_DELAY.saturating_mul(1u32 << exp).min(MAX_DELAY);
        let ms = rand::thread_rng().gen_range(MIN_DELAY.as_millis()..=cap.as_millis());
        Duration::from_millis(ms as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_between_the_bounds_and_grow() {
        let mut b = Backoff::default();
        for _ in 0..40 {
            let d = b.next_delay(None);
            assert!(d >= MIN_DELAY && d <= MAX_DELAY, "{d:?}");
        }
        // After many failures the cap is the maximum, so some delay is long.
        let longest = (0..50).map(|_| b.next_delay(None)).max().unwrap();
        assert!(longest > Duration::from_secs(10));
    }

    #[test]
    fn retry_after_wins_and_reset_starts_over() {
        let mut b = Backoff::default();
        assert_eq!(
            b.next_delay(Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
        assert_eq!(b.next_delay(Some(Duration::ZERO)), MIN_DELAY);
        b.reset();
        assert_eq!(b.failures(), 0);
        assert!(b.next_delay(None) <= MIN_DELAY);
    }
}
