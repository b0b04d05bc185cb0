//! Prints a summary of the demo organisation and a few of its posts.
//!
//! `cargo run -p hublot-demo --example sample -- [POSTS_TO_SHOW] [SEED]`

use hublot_demo::{DemoConfig, DemoOrg};

fn main() {
    let mut args = std::env::args().skip(1);
    let show: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let cfg = DemoConfig {
        seed,
        ..DemoConfig::default()
    };
    let org = DemoOrg::generate(&cfg);
    println!(
        "{} people, {} groups, {} memberships, {} follows",
        org.users.len(),
        org.groups.len(),
        org.memberships.len(),
        org.follows.len()
    );
    for (g, group) in org.groups.iter().enumerate() {
        let members = org.memberships.iter().filter(|m| m.group == g).count();
        println!(
            "  {:<50} {:?}/{:?}, {members} members",
            group.name, group.kind, group.visibility
        );
    }
    // What the whole history holds, group by group.
    let mut per_group = vec![(0usize, 0usize, 0usize); org.groups.len()];
    let (mut demo_mentions, mut demo_posts) = (0, 0);
    for post in org.posts(&cfg) {
        let entry = &mut per_group[post.group];
        entry.0 += 1;
        entry.1 += usize::from(post.poll.is_some());
        entry.2 += usize::from(post.pinned);
        demo_posts += usize::from(post.author == 0);
        demo_mentions += post.body.matches("@demo").count()
            + post
                .comments
                .iter()
                .map(|c| c.body.matches("@demo").count())
                .sum::<usize>();
    }
    for (g, (posts, polls, pinned)) in per_group.iter().enumerate() {
        println!(
            "  {:<50} {posts} posts, {polls} polls, {pinned} pinned",
            org.groups[g].name
        );
    }
    println!("the demo person wrote {demo_posts} posts and is mentioned {demo_mentions} times");
    let demo = &org.users[0];
    println!(
        "demo person: {} ({}, {}, {})",
        demo.name, demo.job_title, demo.department, demo.site
    );
    let step = (cfg.posts as usize / show.max(1)).max(1);
    for post in org.posts(&cfg).step_by(step).take(show) {
        let author = &org.users[post.author];
        println!(
            "\n--- {} | {} | {} ({}) | pinned {} | {} likes",
            post.created_at,
            org.groups[post.group].name,
            author.name,
            author.job_title,
            post.pinned,
            post.likes.len()
        );
        println!("{}", post.body);
        if let Some(poll) = &post.poll {
            println!(
                "  [poll] {} {:?} multiple={} closes_at={:?} votes={}",
                poll.question,
                poll.options,
                poll.multiple,
                poll.closes_at,
                poll.votes.len()
            );
        }
        for c in &post.comments {
            println!(
                "  > {} ({}): {}",
                org.users[c.author].name, c.created_at, c.body
            );
        }
    }
}
