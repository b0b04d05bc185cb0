//! Prints the latest posts of the groups the demo person sees first.
//!
//! `cargo run -p hublot-demo --example latest -- [POSTS_PER_GROUP]`

use hublot_demo::{DemoConfig, DemoOrg, DemoPost};

fn main() {
    let per_group: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let cfg = DemoConfig::default();
    let org = DemoOrg::generate(&cfg);
    let mine: Vec<usize> = org
        .memberships
        .iter()
        .filter(|m| m.user == 0)
        .map(|m| m.group)
        .collect();
    // Keep only the last few posts of each group: a bounded window over the stream.
    let mut latest: Vec<Vec<DemoPost>> = vec![Vec::new(); org.groups.len()];
    for post in org.posts(&cfg) {
        if mine.contains(&post.group) {
            let window = &mut latest[post.group];
            window.push(post);
            if window.len() > per_group {
                window.remove(0);
            }
        }
    }
    for g in mine {
        println!("\n===== {} =====", org.groups[g].name);
        for post in latest[g].iter().rev() {
            let author = &org.users[post.author];
            println!(
                "\n[{}] {} ({}){}",
                post.created_at,
                author.name,
                author.job_title,
                if post.pinned { " 📌" } else { "" }
            );
            println!("{}", post.body);
            if let Some(poll) = &post.poll {
                println!("  [sondage] {} {:?}", poll.question, poll.options);
            }
            for c in &post.comments {
                println!("    > {} : {}", org.users[c.author].name, c.body);
            }
        }
    }
}
