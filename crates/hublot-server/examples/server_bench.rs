//! Benchmark client for a running `hublot-server` (see docs/perf/server.md).
//!
//! ```sh
//! cargo run --release -p hublot-server --example server_bench -- feed   http://127.0.0.1:8787
//! cargo run --release -p hublot-server --example server_bench -- token  http://127.0.0.1:8787   # prints TOKEN and CURSOR for wrk
//! cargo run --release -p hublot-server --example server_bench -- events http://127.0.0.1:8787 1000 SERVER_PID
//! ```
//! All sign in as the demo person (`demo` / `demo`).

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use futures_util::StreamExt;
use serde_json::{json, Value};

async fn login(client: &reqwest::Client, base: &str) -> Result<String> {
    let res: Value = client
        .post(format!("{base}/v1/auth/login"))
        .json(&json!({"login": "demo", "password": "demo"}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(res["token"]
        .as_str()
        .context("no token in the login answer")?
        .to_string())
}

async fn feed(base: &str) -> Result<()> {
    let client = reqwest::Client::new();
    let token = login(&client, base).await?;
    let start = Instant::now();
    let mut cursor: Option<String> = None;
    let (mut entities, mut requests, mut bytes) = (0usize, 0usize, 0usize);
    loop {
        let mut url = format!("{base}/v1/sync?limit=5000");
        if let Some(c) = &cursor {
            url.push_str(&format!("&since={c}"));
        }
        let body = client
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        bytes += body.len();
        let page: hublot_api::SyncResponse = serde_json::from_slice(&body)?;
        entities += page.changes.len();
        requests += 1;
        cursor = Some(page.cursor);
        if !page.more {
            break;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "full feed of `demo`: {entities} entities in {requests} requests, {:.1} MB, {secs:.2} s: {:.0} entities/s",
        bytes as f64 / 1e6,
        entities as f64 / secs
    );
    Ok(())
}

async fn token(base: &str) -> Result<()> {
    let client = reqwest::Client::new();
    let token = login(&client, base).await?;
    let boot: Value = client
        .get(format!("{base}/v1/bootstrap"))
        .bearer_auth(&token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    println!("TOKEN={token}");
    println!("CURSOR={}", boot["cursor"].as_str().unwrap_or("0"));
    Ok(())
}

fn rss_kb(pid: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .context("reading the server's /proc status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .context("no VmRSS")?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .context("bad VmRSS")?
        .parse()?)
}

async fn events(base: &str, n: usize, pid: &str) -> Result<()> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()?;
    let token = login(&client, base).await?;
    let before = rss_kb(pid)?;
    let mut streams = Vec::with_capacity(n);
    for _ in 0..n {
        let res = client
            .get(format!("{base}/v1/events"))
            .bearer_auth(&token)
            .send()
            .await?
            .error_for_status()?;
        let mut s = res.bytes_stream();
        // Wait for the first heartbeat: the stream is really open.
        match tokio::time::timeout(Duration::from_secs(30), s.next()).await {
            Ok(Some(Ok(_))) => {}
            _ => bail!("an event stream did not open"),
        }
        streams.push(s);
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = rss_kb(pid)?;
    println!(
        "server RSS: {:.1} MB before, {:.1} MB with {n} idle event streams ({:.1} KB per stream)",
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        (after.saturating_sub(before)) as f64 / n as f64
    );
    drop(streams);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("http://127.0.0.1:8787");
    match args.get(1).map(String::as_str) {
        Some("feed") => feed(base).await,
        Some("token") => token(base).await,
        Some("events") => {
            let n = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1000);
            let pid = args.get(4).context("give the server's pid")?;
            events(base, n, pid).await
        }
        _ => bail!("usage: server_bench feed|token|events BASE_URL [N PID]"),
    }
}
