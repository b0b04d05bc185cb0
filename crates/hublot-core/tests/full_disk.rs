//! A full disk (a small tmpfs) during compose and during sync: a clear error,
//! the cache intact, the outbox kept, and everything resumes once space is
//! freed. Needs root to mount the tmpfs; skips with a message otherwise.

mod net_support;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use hublot_api::CreatePost;
use hublot_core::store::StoreError;
use hublot_core::SessionError;
use net_support::*;

struct Tmpfs<'a>(&'a Path);

impl Drop for Tmpfs<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

/// Fills the file system holding `dir` until it refuses to write.
fn fill(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    let small = [0u8; 512];
    while f.write_all(&small).is_ok() {}
    let _ = f.sync_all();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_clearly_and_loses_nothing() {
    let mnt = tempfile::tempdir().unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=24m", "tmpfs"])
        .arg(mnt.path())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!(
            "SKIPPED: cannot mount a tmpfs here (needs root); the full-disk test did not run"
        );
        return;
    }
    let _guard = Tmpfs(mnt.path());

    let srv = server(200).await;
    let (client, token, _) = login(&srv.url, "demo").await;
    let s = session(&srv.url, &token, mnt.path());
    s.sync_once().await.unwrap();
    let g = s
        .store()
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.joined && !g.archived && g.kind != hublot_api::GroupKind::Announcement)
        .unwrap()
        .id;
    // Work written before the disk fills up must survive it.
    let kept = s
        .create_post(g, "Écrit avant que le disque soit plein".into(), None)
        .unwrap();
    let filler = fill(mnt.path());

    // Compose on a full disk: a clear error.
    let mut refused = 0;
    for i in 0..50 {
        match s.create_post(
            g,
            format!("Sur un disque plein {i} {}", "x".repeat(4000)),
            None,
        ) {
            Err(SessionError::Store(StoreError::DiskFull)) => {
                refused += 1;
                break;
            }
            Err(e) => panic!("expected a full-disk error, got {e}"),
            Ok(_) => {}
        }
    }
    assert_eq!(refused, 1, "the full disk was never reported");
    assert!(SessionError::Store(StoreError::DiskFull)
        .to_string()
        .contains("disk"));

    // Sync on a full disk: a clear error, nothing half-written.
    let others = other_handles(&client, 1).await;
    let (oc, _, _) = login(&srv.url, &others[0]).await;
    let _ = oc.set_membership(g, true).await;
    for i in 0..300 {
        oc.create_post(&CreatePost {
            client_id: uuid::Uuid::new_v4(),
            group_id: g,
            body: format!("Message {i} {}", "contenu ".repeat(200)),
            poll: None,
        })
        .await
        .unwrap();
    }
    let cursor_before = s.store().cursor().unwrap();
    let err = s
        .sync_once()
        .await
        .expect_err("a sync on a full disk must fail");
    assert!(err.to_string().contains("disk"), "{err}");
    assert_eq!(
        s.store().cursor().unwrap(),
        cursor_before,
        "a batch was half applied"
    );
    assert!(
        s.store()
            .outbox_list()
            .unwrap()
            .iter()
            .any(|i| i.client_id == kept.client_id),
        "the outbox was kept"
    );

    // Space back: everything resumes.
    std::fs::remove_file(filler).unwrap();
    s.sync_once().await.unwrap();
    assert!(s.store().integrity_check().unwrap());
    assert!(
        s.store().outbox_list().unwrap().is_empty(),
        "the kept post was sent"
    );
    s.create_post(g, "De nouveau possible".into(), None)
        .unwrap();
}
