//! Measures how fast the post stream runs.
//!
//! `cargo run --release -p hublot-demo --example stream_bench -- [POSTS]`
//! (default 1,000,000). Prints posts per second and the size of what was made.

use std::time::Instant;

use hublot_demo::{DemoConfig, DemoOrg};

fn main() {
    let posts: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let cfg = DemoConfig {
        posts,
        ..DemoConfig::default()
    };
    let started = Instant::now();
    let org = DemoOrg::generate(&cfg);
    let org_time = started.elapsed();

    let started = Instant::now();
    let (mut bytes, mut comments, mut likes, mut votes) = (0usize, 0usize, 0usize, 0usize);
    for post in org.posts(&cfg) {
        bytes += post.body.len() + post.comments.iter().map(|c| c.body.len()).sum::<usize>();
        comments += post.comments.len();
        likes += post.likes.len();
        votes += post.poll.map_or(0, |p| p.votes.len());
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "organisation: {} people, {} groups in {:.1} ms",
        org.users.len(),
        org.groups.len(),
        org_time.as_secs_f64() * 1e3
    );
    println!(
        "{posts} posts in {secs:.2} s: {:.0} posts/s ({comments} comments, {likes} likes, {votes} votes, {:.1} MB of text)",
        posts as f64 / secs,
        bytes as f64 / 1e6
    );
}
