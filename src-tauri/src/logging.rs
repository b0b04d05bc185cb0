//! Logs: `tracing` to a file in the OS log directory, rotated daily, seven
//! files kept. Nothing logs a token or a password: the types that hold them
//! are never given to a log macro.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// Number of daily log files kept.
pub const KEEP_FILES: usize = 7;

/// Why logging could not start (the app still runs, logging to stderr only).
#[derive(Debug, thiserror::Error)]
#[error("Cannot write logs in {dir}: {reason}")]
pub struct LogError {
    dir: String,
    reason: String,
}

/// Starts logging to `dir` (and to stderr). Keep the guard alive: dropping it
/// flushes and stops the file writer. `HUBLOT_LOG` sets the filter (default `info`).
pub fn init(dir: &Path) -> Result<WorkerGuard, LogError> {
    let err = |reason: String| LogError {
        dir: dir.display().to_string(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("hublot")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(dir)
        .map_err(|e| err(e.to_string()))?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("HUBLOT_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false),
        )
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .try_init()
        .map_err(|e| err(e.to_string()))?;
    Ok(guard)
}
