//! Benchmark of the offline cache (not a test: results go to docs/perf/cache.md).
//!
//! Builds a cache of N posts (default 1,000,000) by applying synthetic
//! `/v1/sync` batches of 5,000 posts (the sync engine's batch) through
//! `Store::apply_sync`, compares with the floor (the same rows inserted
//! straight into an empty cache of the same schema by one prepared statement
//! loop in one transaction, plus the one statement that fills the full-text
//! index, as the store does per batch), then measures open, feed pages,
//! search, the sidebar and size on disk.
//!
//! Run: `cargo run --release -p hublot-core --example cache-bench -- [posts] [dir]`

use std::path::Path;
use std::time::{Duration, Instant};

use hublot_api::*;
use hublot_core::store::Store;
use hublot_core::views::{FeedQuery, SearchQuery};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

const USERS: i64 = 1_000;
const GROUPS: i64 = 60;
/// Groups the benchmark user has joined (1..=JOINED).
const JOINED: i64 = 20;
/// Changes per sync batch: the sync engine's (`hublot_core::sync::SYNC_BATCH`).
const BATCH: i64 = hublot_core::sync::SYNC_BATCH as i64;
const ME: Id = 1;

const WORDS: &[&str] = &[
    "service",
    "dossier",
    "réunion",
    "équipe",
    "téléphone",
    "adhérent",
    "remboursement",
    "prestations",
    "agence",
    "planning",
    "congés",
    "formation",
    "projet",
    "mise",
    "à",
    "jour",
    "logiciel",
    "accueil",
    "courrier",
    "délai",
    "semaine",
    "prochaine",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "matin",
    "après-midi",
    "bureau",
    "télétravail",
    "site",
    "Lyon",
    "Paris",
    "Lille",
    "Nantes",
    "merci",
    "bonjour",
    "question",
    "réponse",
    "point",
    "ordre",
    "du",
    "de",
    "la",
    "le",
    "les",
    "des",
    "pour",
    "avec",
    "sur",
    "dans",
    "nous",
    "vous",
    "est",
    "sont",
    "nouveau",
    "nouvelle",
    "procédure",
    "contrôle",
    "qualité",
    "indicateur",
    "objectif",
    "résultat",
    "budget",
    "cafétéria",
    "photo",
    "sortie",
    "randonnée",
    "football",
    "chorale",
    "atelier",
    "café",
    "réseau",
    "sécurité",
    "mot",
    "passe",
    "badge",
    "parking",
    "vélo",
    "navette",
    "horaires",
    "ouverture",
    "fermeture",
    "dossiers",
    "traitement",
    "retard",
    "priorité",
    "urgence",
    "ticket",
    "incident",
    "résolu",
    "déploiement",
    "version",
];
/// A word present in about one post in 20,000.
const RARE: &str = "zéphyrine";

fn user(id: Id) -> User {
    User {
        id,
        handle: format!("user.{id}"),
        name: format!("Prénom{id} Nom{id}"),
        job_title: "Gestionnaire".into(),
        department: format!("Département {}", id % 12),
        site: ["Lyon", "Paris", "Lille", "Nantes"][(id % 4) as usize].into(),
        email: format!("user.{id}@example.org"),
        phone: None,
        disabled: false,
        updated_at: 1,
    }
}

fn group(id: Id) -> Group {
    Group {
        id,
        name: format!("Groupe {id}"),
        description: String::new(),
        visibility: Visibility::Public,
        kind: GroupKind::Work,
        archived: false,
        member_count: 50,
        created_at: 1,
        updated_at: 1,
    }
}

/// The posts of batch `b` (ids b*BATCH+1 ..), the same for a given seed.
fn batch_posts(b: i64) -> Vec<Post> {
    let mut rng = StdRng::seed_from_u64(b as u64);
    (0..BATCH)
        .map(|i| {
            let id = b * BATCH + i + 1;
            let n = rng.gen_range(8..40);
            let mut body: Vec<&str> = (0..n)
                .map(|_| {
                    // Skewed towards the first words, like real text.
                    let x: f64 = rng.gen();
                    WORDS[((x * x) * WORDS.len() as f64) as usize]
                })
                .collect();
            if id % 20_000 == 7 {
                body.push(RARE);
            }
            Post {
                id,
                client_id: Uuid::from_u64_pair(7, id as u64),
                group_id: rng.gen_range(1..=GROUPS),
                author_id: rng.gen_range(1..=USERS),
                body: body.join(" "),
                pinned: false,
                poll: None,
                comment_count: 0,
                like_count: rng.gen_range(0..5),
                liked_by_me: false,
                created_at: 1_600_000_000_000 + id * 1_000,
                edited_at: None,
            }
        })
        .collect()
}

fn bootstrap() -> Bootstrap {
    let users: Vec<User> = (1..=USERS).map(user).collect();
    Bootstrap {
        me: users[0].clone(),
        users,
        groups: (1..=GROUPS).map(group).collect(),
        memberships: (1..=JOINED)
            .map(|g| Membership {
                group_id: g,
                user_id: ME,
                role: Role::Member,
                joined_at: 1,
            })
            .collect(),
        follows: vec![],
        read_markers: vec![],
        posts: vec![],
        comments: vec![],
        reactions: vec![],
        mentions: vec![],
        older: vec![],
        cursor: "0".into(),
    }
}

/// CPU time of the calling thread so far (Linux: /proc/thread-self/schedstat),
/// reported beside wall time: on a shared machine, wall time mostly measures
/// the other processes.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1e3
}

fn measure(
    name: &str,
    runs: usize,
    mut f: impl FnMut(usize) -> Result<(), Box<dyn std::error::Error>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut samples = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        let c = thread_cpu();
        f(i)?;
        cpu.push(thread_cpu() - c);
        samples.push(t.elapsed());
    }
    let p50 = percentile(&mut samples, 0.50);
    let p99 = percentile(&mut samples, 0.99);
    let c50 = percentile(&mut cpu, 0.50);
    let c99 = percentile(&mut cpu, 0.99);
    println!("| {name} | {p50:.3} | {p99:.3} | {c50:.3} | {c99:.3} |");
    Ok(())
}

fn file_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|s| {
            std::fs::metadata(format!("{}{s}", path.display()))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let posts: i64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let tmp = tempfile::tempdir()?;
    let dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let batches = posts / BATCH;
    let posts = batches * BATCH;

    // BENCH_QUERIES_ONLY=1: measure the queries on the cache a previous run
    // left in `dir` (the build of a million posts takes minutes).
    let path = dir.join("bench.sqlite3");
    if std::env::var_os("BENCH_QUERIES_ONLY").is_some() {
        let (store, _) = Store::open(&path)?;
        return queries(&store, posts);
    }

    // 1. Through the store, batch by batch, as a sync would.
    let _ = std::fs::remove_file(&path);
    let (store, _) = Store::open(&path)?;
    store.apply_bootstrap(&bootstrap())?;
    let mut apply = Duration::ZERO;
    let mut apply_cpu = Duration::ZERO;
    for b in 0..batches {
        let changes: Vec<Change> = batch_posts(b).into_iter().map(Change::Post).collect();
        let resp = SyncResponse {
            changes,
            cursor: (b + 1).to_string(),
            more: b + 1 < batches,
        };
        let t = Instant::now();
        let c = thread_cpu();
        store.apply_sync(&resp, false)?;
        apply_cpu += thread_cpu() - c;
        apply += t.elapsed();
    }
    let apply_rate = posts as f64 / apply.as_secs_f64();

    // 2. The floor: the same rows, one prepared statement, one transaction.
    let floor_path = dir.join("floor.sqlite3");
    let _ = std::fs::remove_file(&floor_path);
    drop(Store::open(&floor_path)?);
    let mut conn = rusqlite::Connection::open(&floor_path)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let mut floor = Duration::ZERO;
    let mut floor_cpu = Duration::ZERO;
    {
        let tx = conn.transaction()?;
        {
            let mut ins = tx.prepare(
                "INSERT INTO posts (id, client_id, group_id, author_id, body, pinned, comment_count, like_count,
                   liked_by_me, created_at, edited_at, poll_question, poll_multiple, poll_closes_at, poll_voters)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, NULL, NULL, NULL)",
            )?;
            for b in 0..batches {
                let batch = batch_posts(b);
                let t = Instant::now();
                let c = thread_cpu();
                for p in &batch {
                    ins.execute(rusqlite::params![
                        p.id,
                        &p.client_id.as_bytes()[..],
                        p.group_id,
                        p.author_id,
                        p.body,
                        p.pinned,
                        p.comment_count,
                        p.like_count,
                        p.liked_by_me,
                        p.created_at,
                        p.edited_at
                    ])?;
                }
                floor_cpu += thread_cpu() - c;
                floor += t.elapsed();
            }
        }
        // The schema has no insert trigger for the full-text index: the
        // store fills it with one statement per batch; here, one for all.
        let t = Instant::now();
        let c = thread_cpu();
        tx.execute(
            "INSERT INTO posts_fts (rowid, body) SELECT id, body FROM posts ORDER BY id",
            [],
        )?;
        tx.commit()?;
        floor_cpu += thread_cpu() - c;
        floor += t.elapsed();
    }
    drop(conn);
    let floor_rate = posts as f64 / floor.as_secs_f64();

    // Size on disk, after a checkpoint.
    drop(store);
    {
        let c = rusqlite::Connection::open(&path)?;
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    let bytes = file_size(&path);
    let t = Instant::now();
    let (store, _) = Store::open(&path)?;
    let open_time = t.elapsed();
    // The full check, off the start-up path (in the background after an
    // unclean shutdown, and weekly).
    store.wait_background_check();
    let t = Instant::now();
    let check_ok = store.verify()?;
    let check_time = t.elapsed();
    drop(store);
    let t = Instant::now();
    let (store, _) = Store::open(&path)?;
    let reopen_time = t.elapsed();
    if store.wait_background_check().is_some() {
        return Err("a full check ran again at the second open".into());
    }

    println!(
        "## Cache benchmark: {posts} posts, {GROUPS} groups ({JOINED} joined), {USERS} users\n"
    );
    println!("| what | value |\n| --- | --- |");
    let per_cpu = |d: Duration| posts as f64 / d.as_secs_f64();
    println!(
        "| apply_sync, batches of {BATCH}: wall | {:.2} s, {apply_rate:.0} posts/s |",
        apply.as_secs_f64()
    );
    println!(
        "| apply_sync: CPU time of the thread | {:.2} s, {:.0} posts per CPU-second |",
        apply_cpu.as_secs_f64(),
        per_cpu(apply_cpu)
    );
    println!(
        "| floor (one statement loop + the FTS statement, one transaction): wall | {:.2} s, {floor_rate:.0} posts/s |",
        floor.as_secs_f64()
    );
    println!(
        "| floor: CPU time | {:.2} s, {:.0} posts per CPU-second |",
        floor_cpu.as_secs_f64(),
        per_cpu(floor_cpu)
    );
    println!(
        "| apply / floor: wall, CPU | {:.2}x, {:.2}x |",
        apply.as_secs_f64() / floor.as_secs_f64(),
        apply_cpu.as_secs_f64() / floor_cpu.as_secs_f64()
    );
    println!(
        "| bytes on disk per post (cache with FTS and indexes) | {} |",
        bytes / posts as u64
    );
    println!("| cache file | {:.1} MB |", bytes as f64 / 1e6);
    println!(
        "| Store::open, first (schedules the background check) | {:.1} ms |",
        open_time.as_secs_f64() * 1e3
    );
    println!(
        "| full check (quick_check, off the start-up path) | {:.1} s, passed: {check_ok} |",
        check_time.as_secs_f64()
    );
    println!(
        "| Store::open, clean restart (no check due) | {:.1} ms |",
        reopen_time.as_secs_f64() * 1e3
    );
    println!();
    queries(&store, posts)?;
    let t = Instant::now();
    let ok = store.integrity_check()?;
    println!(
        "\nintegrity_check: {ok} in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Feed, search and sidebar latencies, wall and thread CPU time.
fn queries(store: &Store, posts: i64) -> Result<(), Box<dyn std::error::Error>> {
    println!("| query (ms) | p50 | p99 | CPU p50 | CPU p99 |\n| --- | --- | --- | --- | --- |");

    let mut rng = StdRng::seed_from_u64(42);
    let deep: Vec<Id> = (0..2000).map(|_| rng.gen_range(BATCH..posts)).collect();
    measure("feed, all groups, first page (50)", 2000, |_| {
        store.feed(&FeedQuery::default())?;
        Ok(())
    })?;
    measure("feed, all groups, deep page (50, cold render)", 2000, |i| {
        store.feed(&FeedQuery {
            before: Some(deep[i]),
            ..Default::default()
        })?;
        Ok(())
    })?;
    measure("feed, one group, first page (50)", 2000, |i| {
        store.feed(&FeedQuery {
            group_id: Some(1 + (i as i64 % JOINED)),
            ..Default::default()
        })?;
        Ok(())
    })?;
    measure("feed, one group, deep page (50, cold render)", 2000, |i| {
        store.feed(&FeedQuery {
            group_id: Some(1 + (i as i64 % JOINED)),
            before: Some(deep[i]),
            ..Default::default()
        })?;
        Ok(())
    })?;
    let search = |text: &str, group: Option<Id>| SearchQuery {
        text: text.into(),
        group_id: group,
        author_id: None,
        limit: None,
    };
    measure("search, common word (\"service\")", 300, |_| {
        store.search(&search("service", None))?;
        Ok(())
    })?;
    measure(
        "search, two common words, last as prefix (\"equipe telep\")",
        300,
        |_| {
            store.search(&search("equipe telep", None))?;
            Ok(())
        },
    )?;
    measure("search, rare word (\"zephyrine\")", 300, |_| {
        let hits = store.search(&search("zephyrine", None))?;
        if hits.is_empty() {
            return Err("the rare word was not found".into());
        }
        Ok(())
    })?;
    measure("search, common word in one group", 300, |i| {
        store.search(&search("dossier", Some(1 + (i as i64 % GROUPS))))?;
        Ok(())
    })?;
    measure("search, rare word in one group (no match)", 300, |_| {
        store.search(&search("zephyrine", Some(GROUPS + 1)))?;
        Ok(())
    })?;
    measure("groups (sidebar, unread counts)", 300, |_| {
        store.groups()?;
        Ok(())
    })?;
    Ok(())
}
