//! Notification benchmarks of the real app (not tests: they report numbers).
//!
//! - `latency`: from a post accepted by the server (its 201 answer) to the
//!   `Notify` call reaching the notification daemon on D-Bus, over N posts,
//!   one at a time, with the reference server on loopback and the app's
//!   events stream on.
//! - `idle`: CPU time of the app (every process: the shell and its WebKit
//!   children) signed in and hidden in the tray, over M minutes.
//!
//! Runs inside the desktop test session (Xvfb, D-Bus, unlocked keyring):
//!
//! ```text
//! cargo build --release --features custom-protocol --bin hublot --example notify_bench
//! tests/run-desktop-tests.sh --run target/release/examples/notify_bench \
//!     --bin target/release/hublot latency 300
//! tests/run-desktop-tests.sh --run target/release/examples/notify_bench \
//!     --bin target/release/hublot idle 10
//! ```
//!
//! Results and how to read them: docs/perf/notifications.md.

#[path = "../tests/desktop_bus/mod.rs"]
mod desktop_bus;
#[path = "../tests/notifications_support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use support::{followed_and_unfollowed, someone_else, Author, Desktop, Home, Server};

fn usage() -> ! {
    eprintln!("usage: notify_bench --bin PATH (latency POSTS | idle MINUTES)");
    std::process::exit(2);
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut bin = None;
    let mut rest = Vec::new();
    while let Some(a) = args.next() {
        if a == "--bin" {
            bin = args.next().map(PathBuf::from);
        } else {
            rest.push(a);
        }
    }
    let Some(bin) = bin else { usage() };
    let bin = std::fs::canonicalize(&bin).with_context(|| format!("{}", bin.display()))?;
    let (mode, n) = match rest.as_slice() {
        [m, n] => (m.as_str(), n.parse::<u64>().context("a number")?),
        _ => usage(),
    };

    let rt = tokio::runtime::Runtime::new()?;
    let desktop = Desktop::start();
    let server = rt.block_on(Server::start());
    let (me, token, me_user) = rt.block_on(server.login("demo"));
    let other_handle = rt.block_on(someone_else(&me));
    let (other_client, _, other_user) = rt.block_on(server.login(&other_handle));
    let (followed, _) = rt.block_on(followed_and_unfollowed(&me, &other_client));
    let mut other = Author::new(other_client, other_user);
    let home = Home::signed_in(&server.url, "demo", &token, &me_user);
    let log = support::artifacts_dir().join("notify-bench-app.log");

    let started = Instant::now();
    let mut app = home.launch(&bin, &log);
    let tray = desktop.tray(0);
    support::eventually("the first sync", Duration::from_secs(300), || {
        tray.shows("Online").then_some(())
    });
    println!(
        "app pid {} online after {:.1} s",
        app.pid(),
        started.elapsed().as_secs_f64()
    );

    match mode {
        "latency" => {
            // Let the events stream connect before measuring.
            std::thread::sleep(Duration::from_secs(3));
            let mut lat = Vec::new();
            for i in 0..n {
                let before = desktop.count();
                rt.block_on(other.post(followed.id, &format!("Mesure {i}")));
                let accepted = Instant::now();
                let calls = desktop.wait_for(before + 1, "the notification of the post");
                if calls.len() != before + 1 {
                    bail!(
                        "expected one notification per post, got {}",
                        calls.len() - before
                    );
                }
                let at = calls[before].at;
                lat.push(at.saturating_duration_since(accepted));
                // Posts one at a time: each is its own batch, not a summary.
                std::thread::sleep(Duration::from_millis(50));
            }
            lat.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
            println!(
                "latency over {} posts: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms, min {:.1} ms",
                lat.len(),
                ms(pct(0.5)),
                ms(pct(0.9)),
                ms(pct(0.99)),
                ms(*lat.last().unwrap()),
                ms(lat[0]),
            );
        }
        "idle" => {
            std::thread::sleep(Duration::from_secs(20));
            let pids_before = tree(app.pid());
            let t0 = Instant::now();
            let c0 = cpu_ticks(&pids_before);
            std::thread::sleep(Duration::from_secs(n * 60));
            let pids_after = tree(app.pid());
            let c1 = cpu_ticks(&pids_after);
            let wall = t0.elapsed().as_secs_f64();
            let hz = clock_ticks();
            let used = (c1.saturating_sub(c0)) as f64 / hz;
            println!(
                "idle over {:.0} s: {:.2} s of CPU in {} processes ({}), {:.3} % of one core; \
                 {} Notify calls",
                wall,
                used,
                pids_after.len(),
                names(&pids_after).join(", "),
                100.0 * used / wall,
                desktop.count(),
            );
        }
        _ => usage(),
    }
    app.stop();
    rt.block_on(server.server.shutdown());
    Ok(())
}

/// `pid` and all its descendants.
fn tree(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for e in dir.flatten() {
            let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            if let Some(f) = stat_fields(p) {
                if let Ok(pp) = f[1].parse::<u32>() {
                    parent_of.push((p, pp));
                }
            }
        }
    }
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        let cur = out[i];
        out.extend(
            parent_of
                .iter()
                .filter(|(_, pp)| *pp == cur)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    out
}

/// Fields of /proc/PID/stat after the command name (state is [0], ppid [1]).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &s[s.rfind(')')? + 2..];
    Some(after.split_whitespace().map(str::to_owned).collect())
}

/// utime + stime of these processes, in clock ticks.
fn cpu_ticks(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|p| stat_fields(*p))
        // utime and stime are fields 14 and 15 of stat, [11] and [12] here.
        .map(|f| f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0))
        .sum()
}

fn names(pids: &[u32]) -> Vec<String> {
    pids.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).ok())
        .map(|s| s.trim().to_owned())
        .collect()
}

fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}
