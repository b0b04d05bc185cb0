//! Opening the cache: permissions, schema versions, corruption, a full disk.

mod store_support;

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use hublot_api::*;
use hublot_core::store::{OutboxOp, Store, StoreError};
use hublot_core::views::FeedQuery;
use store_support::*;

fn push_three(store: &Store) {
    for body in ["un", "deux", "trois"] {
        store
            .outbox_push(OutboxOp::CreatePost {
                group_id: WORK,
                body: body.into(),
                poll: None,
            })
            .unwrap();
    }
}

#[cfg(unix)]
#[test]
fn the_cache_is_readable_by_the_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/cache.sqlite3");
    let (store, _) = Store::open(&path).unwrap();
    store.apply_bootstrap(&bootstrap()).unwrap();
    for p in [path.clone(), path.with_file_name("cache.sqlite3-wal")] {
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", p.display());
    }
    let dmode = std::fs::metadata(path.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dmode, 0o700);
}

#[test]
fn a_cache_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer version of Hublot"), "{err}");
    // The file was left alone.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    std::fs::write(
        &path,
        "this is not SQLite at all, just some text that is long enough ".repeat(100),
    )
    .unwrap();
    let (store, report) = Store::open(&path).unwrap();
    assert!(report.rebuilt);
    assert!(
        report.lost_outbox,
        "the user must be told the outbox could not be read"
    );
    assert_eq!(report.salvaged_outbox, 0);
    let moved = report.moved_to.unwrap();
    assert!(moved
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("cache.sqlite3.corrupt-"));
    assert!(std::fs::read_to_string(moved)
        .unwrap()
        .starts_with("this is not SQLite"));
    store.apply_bootstrap(&bootstrap()).unwrap();
    assert!(store.integrity_check().unwrap());
}

/// Overwrites pages `from..to` (1-based, 4096-byte pages) with garbage.
fn garble_pages(path: &Path, from: u64, to: u64) {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    for page in from..to {
        f.seek(SeekFrom::Start((page - 1) * 4096)).unwrap();
        f.write_all(&[0xA5; 4096]).unwrap();
    }
    f.sync_all().unwrap();
}

/// A cache with the outbox written first (low pages) and many posts after.
fn cache_with_outbox_and_posts(path: &Path) {
    let (store, _) = Store::open(path).unwrap();
    store.apply_bootstrap(&bootstrap()).unwrap();
    push_three(&store);
    let changes: Vec<Change> = (1000..3000)
        .map(|i| {
            Change::Post(post(
                i,
                WORK,
                JEAN,
                &format!("message numéro {i} {}", "x".repeat(200)),
            ))
        })
        .collect();
    store.apply_sync(&sync(changes, "11"), false).unwrap();
    // A fresh cache is due its first check: let it finish, or its connection,
    // still open on a loaded machine, leaves the log behind and the next open
    // sees an unclean shutdown.
    store.wait_background_check();
    drop(store);
    // Checkpoint the WAL into the main file so the garbage hits real pages.
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
}

/// After a damage was found, the next open rebuilds the cache and the
/// outbox is salvaged; the fresh cache shows it once data is back.
fn reopen_rebuilds_and_salvages(path: &Path) {
    let (store, report) = Store::open(path).unwrap();
    assert!(report.rebuilt, "{report:?}");
    assert_eq!(report.salvaged_outbox, 3, "{report:?}");
    assert!(!report.lost_outbox);
    assert!(report.moved_to.unwrap().exists());
    assert_eq!(store.me().unwrap(), None);
    store.apply_bootstrap(&bootstrap()).unwrap();
    let bodies: Vec<String> = store
        .outbox_list()
        .unwrap()
        .into_iter()
        .map(|o| o.summary)
        .collect();
    assert_eq!(bodies, vec!["un", "deux", "trois"]);
    let first = store
        .feed(&FeedQuery {
            group_id: Some(WORK),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(first.posts[0].body, "trois");
    assert!(store.integrity_check().unwrap());
    drop(store);
    let (_store, report) = Store::open(path).unwrap();
    assert!(!report.rebuilt, "rebuilt once, not at every start");
}

#[test]
fn damaged_pages_found_by_the_check_rebuild_the_cache_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    cache_with_outbox_and_posts(&path);
    let pages = std::fs::metadata(&path).unwrap().len() / 4096;
    assert!(pages > 100, "{pages} pages");
    garble_pages(&path, pages / 2, pages / 2 + 20);

    // Opening does not read every page (it must be instant on a large
    // cache): the damage in the middle of the file is found by the check.
    let (store, report) = Store::open(&path).unwrap();
    assert!(!report.rebuilt, "{report:?}");
    assert!(!store.verify().unwrap());
    drop(store);
    reopen_rebuilds_and_salvages(&path);
}

#[test]
fn after_an_unclean_shutdown_the_check_runs_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    cache_with_outbox_and_posts(&path);
    // A clean close leaves no write-ahead log; the check of a fresh cache
    // was recorded, so none is due now.
    let (store, _) = Store::open(&path).unwrap();
    store.wait_background_check();
    drop(store);
    let (store, _) = Store::open(&path).unwrap();
    assert!(store.wait_background_check().is_none(), "no check was due");
    drop(store);

    let pages = std::fs::metadata(&path).unwrap().len() / 4096;
    garble_pages(&path, pages / 2, pages / 2 + 20);
    // A process that dies with the cache open leaves its log behind.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("INSERT OR REPLACE INTO settings VALUES ('x', '1')", [])
        .unwrap();
    std::mem::forget(conn);

    let (store, report) = Store::open(&path).unwrap();
    assert!(!report.rebuilt, "{report:?}");
    let verdict = store.wait_background_check().expect("a check was due");
    assert!(!verdict.unwrap(), "the check finds the damage");
    drop(store);
    reopen_rebuilds_and_salvages(&path);
}

#[test]
fn a_closed_store_needs_no_check_even_if_the_process_never_drops_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    cache_with_outbox_and_posts(&path);
    let (store, _) = Store::open(&path).unwrap();
    store.wait_background_check();
    push_three(&store);
    // A quit that ends the process without running destructors (Tauri's
    // exit) but closes the store first: the next open sees a clean close.
    assert!(store.close().unwrap(), "the log was emptied");
    std::mem::forget(store);
    let (store, report) = Store::open(&path).unwrap();
    assert!(!report.rebuilt, "{report:?}");
    assert!(store.wait_background_check().is_none(), "no check was due");
    assert_eq!(store.outbox_list().unwrap().len(), 6, "nothing was lost");
    // The same exit without the close leaves the log: the next open checks.
    push_three(&store);
    std::mem::forget(store);
    let (store, _) = Store::open(&path).unwrap();
    assert!(
        store
            .wait_background_check()
            .expect("a check was due")
            .unwrap(),
        "and the cache passes it"
    );
    assert_eq!(store.outbox_list().unwrap().len(), 9);
}

#[test]
fn a_damaged_header_loses_the_outbox_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    cache_with_outbox_and_posts(&path);
    garble_pages(&path, 1, 2);
    let (_store, report) = Store::open(&path).unwrap();
    assert!(report.rebuilt && report.lost_outbox, "{report:?}");
}

/// Mounts a tiny tmpfs; None (with a message) where mounting is not allowed.
fn tiny_tmpfs(size: &str) -> Option<(tempfile::TempDir, Unmount)> {
    let dir = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir.path())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!(
            "SKIPPED: cannot mount a tmpfs here (needs root); the full-disk test did not run"
        );
        return None;
    }
    let guard = Unmount(dir.path().to_path_buf());
    Some((dir, guard))
}

struct Unmount(std::path::PathBuf);
impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_cache_and_outbox() {
    let Some((dir, _guard)) = tiny_tmpfs("3m") else {
        return;
    };
    let path = dir.path().join("cache.sqlite3");
    let (store, _) = Store::open(&path).unwrap();
    store.apply_bootstrap(&bootstrap()).unwrap();
    push_three(&store);
    let cursor = store.cursor().unwrap();

    // Batches of large posts until the disk is full.
    let mut next = 10_000;
    let mut seq = 11;
    let err = loop {
        let changes: Vec<Change> = (next..next + 200)
            .map(|i| {
                Change::Post(post(
                    i,
                    WORK,
                    JEAN,
                    &format!("{i} {}", "données ".repeat(300)),
                ))
            })
            .collect();
        match store.apply_sync(&sync(changes, &seq.to_string()), false) {
            Ok(_) => {
                next += 200;
                seq += 1;
                assert!(seq < 1000, "the tmpfs never filled up");
            }
            Err(e) => break e,
        }
    };
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    assert!(
        err.to_string()
            .contains("disk holding the offline cache is full"),
        "{err}"
    );
    // The failed batch left nothing; the cache is sound and still answers.
    assert_eq!(
        store.cursor().unwrap(),
        Some((seq - 1).to_string()).or(cursor)
    );
    assert!(store.post_detail(next).unwrap().is_none());
    assert!(store.integrity_check().unwrap());
    assert_eq!(store.outbox_list().unwrap().len(), 3);
    // Writing in the outbox on a full disk is refused clearly, or succeeds;
    // never corrupts anything.
    let r = store.outbox_push(OutboxOp::CreatePost {
        group_id: WORK,
        body: "x".repeat(19_000),
        poll: None,
    });
    if let Err(e) = r {
        assert!(matches!(e, StoreError::DiskFull), "{e:?}");
    }
    drop(store);
    let (store, report) = Store::open(&path).unwrap();
    assert!(!report.rebuilt);
    assert!(store.outbox_list().unwrap().len() >= 3);
    assert!(store.integrity_check().unwrap());
}
