//! Slot filling: turns a template such as "Réunion {date} à {hour}, salle
//! {room}. {m} présentera le bilan." into a sentence, choosing each slot from
//! the post's context so the text fits its group, its author and its date.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::calendar::{civil_from_days, french_date, is_holiday, month_name, weekday};
use crate::{DemoUser, SITES};

const ROOMS: &[&str] = &[
    "Loire",
    "Cher",
    "Indre",
    "Vienne",
    "Chambord",
    "Chenonceau",
    "Amboise",
    "Villandry",
    "Azay",
    "Sologne",
    "Touraine",
    "Berry",
];
const HOURS: &[&str] = &[
    "9 h", "9 h 30", "10 h", "10 h 30", "11 h", "13 h 30", "14 h", "14 h 30", "15 h", "16 h",
];
const EMOJIS: &[&str] = &["", "", "", "", " 🙂", " 👍", " 🙏", " 😉", " 👏", " 🎉"];

/// What a template is filled from: the post's group, author and day.
pub struct Ctx<'a> {
    /// Every user.
    pub users: &'a [DemoUser],
    /// First names of every user.
    pub first_names: &'a [&'a str],
    /// Members of the group.
    pub members: &'a [usize],
    /// Whether the demo person is a member (then she is mentioned now and then).
    pub demo_member: bool,
    /// Name of the group.
    pub group_name: &'a str,
    /// Description of the group.
    pub group_description: &'a str,
    /// Topic words for `{x}` and `{y}`.
    pub items: &'a [&'a str],
    /// Intranet paths for `{link}`.
    pub links: &'a [&'a str],
    /// Who writes the text.
    pub writer: usize,
    /// Author of the post (the same as `writer` for the post itself).
    pub post_author: usize,
    /// Local day number of the text.
    pub day: i64,
    /// Running number of the post in its group.
    pub seq: u32,
}

/// Chance that a mention slot names the demo person when she is a member.
const DEMO_MENTION: f64 = 0.05;

/// Appends `template` with its slots filled to `out`.
pub fn fill(template: &str, ctx: &Ctx<'_>, rng: &mut ChaCha8Rng, out: &mut String) {
    let mut rest = template;
    // One `{x}` and `{y}` per text, chosen once so a template may repeat them.
    let mut x: Option<&str> = None;
    let mut y: Option<&str> = None;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return;
        };
        let key = &after[..close];
        rest = &after[close + 1..];
        match key {
            "m" | "m2" => mention(ctx, rng, out),
            "author" => {
                out.push('@');
                out.push_str(&ctx.users[ctx.post_author].handle);
            }
            "author_first" => out.push_str(ctx.first_names[ctx.post_author]),
            "first" => {
                let who = other_member(ctx, rng).unwrap_or(ctx.post_author);
                out.push_str(ctx.first_names[who]);
            }
            "me_first" => out.push_str(ctx.first_names[ctx.writer]),
            "site" => out.push_str(SITES.choose(rng).copied().unwrap_or(SITES[0])),
            "mysite" => out.push_str(&ctx.users[ctx.writer].site),
            "dept" => out.push_str(&ctx.users[ctx.writer].department),
            "group" => out.push_str(ctx.group_name),
            "desc" => out.push_str(ctx.group_description),
            "date" => out.push_str(&french_date(working_day_after(
                ctx.day,
                rng.gen_range(1..=12),
            ))),
            "soon" => out.push_str(&french_date(working_day_after(
                ctx.day,
                rng.gen_range(1..=3),
            ))),
            "today" => out.push_str(&french_date(ctx.day)),
            "month" => out.push_str(month_name(civil_from_days(ctx.day).1)),
            "nextmonth" => out.push_str(month_name(civil_from_days(ctx.day).1 % 12 + 1)),
            "hour" => out.push_str(HOURS.choose(rng).copied().unwrap_or("10 h")),
            "room" => {
                out.push_str("salle ");
                out.push_str(ROOMS.choose(rng).copied().unwrap_or("Loire"));
            }
            "n" => push_num(out, rng.gen_range(2..=12)),
            "big" => push_num(out, rng.gen_range(12..=480) * 10),
            "pct" => push_num(out, rng.gen_range(5..=95)),
            "seq" => push_num(out, i64::from(ctx.seq)),
            "x" => out.push_str(x.get_or_insert_with(|| pick(ctx.items, rng))),
            "y" => {
                let first = *x.get_or_insert_with(|| pick(ctx.items, rng));
                let second = y.get_or_insert_with(|| {
                    // A different word than `{x}` when the topic has more than one.
                    let mut w = pick(ctx.items, rng);
                    for _ in 0..4 {
                        if w != first {
                            break;
                        }
                        w = pick(ctx.items, rng);
                    }
                    w
                });
                out.push_str(second);
            }
            "link" => {
                out.push_str("https://intranet.example/");
                out.push_str(pick(ctx.links, rng));
            }
            "emoji" => out.push_str(EMOJIS.choose(rng).copied().unwrap_or("")),
            // Not a slot: keep the braces as written.
            _ => {
                out.push('{');
                out.push_str(key);
                out.push('}');
            }
        }
    }
    out.push_str(rest);
}

fn pick<'a>(list: &[&'a str], rng: &mut ChaCha8Rng) -> &'a str {
    list.choose(rng).copied().unwrap_or("")
}

fn push_num(out: &mut String, n: i64) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{n}");
}

/// A member of the group other than the writer, if there is one.
fn other_member(ctx: &Ctx<'_>, rng: &mut ChaCha8Rng) -> Option<usize> {
    for _ in 0..8 {
        let who = *ctx.members.choose(rng)?;
        if who != ctx.writer {
            return Some(who);
        }
    }
    None
}

/// `@handle` of a member of the group, now and then the demo person.
fn mention(ctx: &Ctx<'_>, rng: &mut ChaCha8Rng, out: &mut String) {
    let who = if ctx.demo_member && ctx.writer != 0 && rng.gen_bool(DEMO_MENTION) {
        Some(0)
    } else {
        other_member(ctx, rng)
    };
    match who {
        Some(who) => {
            out.push('@');
            out.push_str(&ctx.users[who].handle);
        }
        None => out.push_str("l'équipe"),
    }
}

/// The `n`-th working day after `day` (weekends and public holidays skipped).
fn working_day_after(day: i64, n: u32) -> i64 {
    let mut d = day;
    let mut left = n;
    while left > 0 {
        d += 1;
        if weekday(d) < 5 && !is_holiday(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn slots_are_filled_and_unknown_braces_kept() {
        let user = |handle: &str, name: &str| DemoUser {
            handle: handle.to_owned(),
            name: name.to_owned(),
            job_title: "Juriste".to_owned(),
            department: "Juridique et contentieux".to_owned(),
            site: "Blois".to_owned(),
            email: format!("{handle}@example.org"),
            phone: None,
        };
        let users = [
            user("demo", "Camille Martin"),
            user("zoe.lefevre", "Zoé Lefèvre"),
        ];
        let firsts = ["Camille", "Zoé"];
        let ctx = Ctx {
            users: &users,
            first_names: &firsts,
            members: &[0, 1],
            demo_member: false,
            group_name: "Club photo",
            group_description: "Photos.",
            items: &["reflets"],
            links: &["photo"],
            writer: 0,
            post_author: 1,
            day: crate::calendar::days_from_civil(2026, 6, 12),
            seq: 3,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut out = String::new();
        fill(
            "{today} : {m} dans {group}, thème {x}/{x}, n°{seq}, {author_first} {json}",
            &ctx,
            &mut rng,
            &mut out,
        );
        assert_eq!(
            out,
            "vendredi 12 juin : @zoe.lefevre dans Club photo, thème reflets/reflets, n°3, Zoé {json}"
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let thursday = crate::calendar::days_from_civil(2026, 5, 7);
        // Friday 8 May is a holiday, then the weekend: next working day is Monday 11.
        assert_eq!(
            working_day_after(thursday, 1),
            crate::calendar::days_from_civil(2026, 5, 11)
        );
    }
}
