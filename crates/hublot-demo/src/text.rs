//! Slot filling: turns a template such as "Réunion {date} à {hour}, salle
//! {room}. {m} présentera le bilan." into a sentence, choosing each slot from
//! the post's context so the text fits its group, its author and its date.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::calendar::{civil_from_days, is_holiday, month_name, push_french_date, weekday};
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
    /// Whether each day from `first_day` on is a working day (a cache of
    /// weekdays and holidays; days outside it are worked out).
    pub working: &'a [bool],
    /// The day `working` starts at.
    pub first_day: i64,
    /// Running number of the post in its group.
    pub seq: u32,
}

/// Chance that a mention slot names the demo person when she is a member.
const DEMO_MENTION: f64 = 0.05;

/// Appends `template` with its slots filled to `out`. Where a slot follows
/// "de" or "à", the French contraction is made ("de le" → "du", "de avril"
/// → "d'avril"); templates themselves are written correctly.
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
            "author_first" => push_slot(out, ctx.first_names[ctx.post_author]),
            "first" => {
                let who = other_member(ctx, rng).unwrap_or(ctx.post_author);
                push_slot(out, ctx.first_names[who]);
            }
            "me_first" => push_slot(out, ctx.first_names[ctx.writer]),
            "site" => push_slot(out, SITES.choose(rng).copied().unwrap_or(SITES[0])),
            "mysite" => push_slot(out, &ctx.users[ctx.writer].site),
            "dept" => push_slot(out, &ctx.users[ctx.writer].department),
            "group" => push_slot(out, ctx.group_name),
            "desc" => out.push_str(ctx.group_description),
            "date" => push_french_date(out, working_day_after(ctx, rng.gen_range(1..=12))),
            "soon" => push_french_date(out, working_day_after(ctx, rng.gen_range(1..=3))),
            // After any `{soon}`, for "du {soon} au {later}".
            "later" => push_french_date(out, working_day_after(ctx, rng.gen_range(4..=15))),
            "today" => push_french_date(out, ctx.day),
            "month" => push_slot(out, month_name(civil_from_days(ctx.day).1)),
            "nextmonth" => push_slot(out, month_name(civil_from_days(ctx.day).1 % 12 + 1)),
            "hour" => out.push_str(HOURS.choose(rng).copied().unwrap_or("10 h")),
            "room" => {
                out.push_str("salle ");
                out.push_str(ROOMS.choose(rng).copied().unwrap_or("Loire"));
            }
            "n" => push_num(out, rng.gen_range(2..=12)),
            "big" => push_num(out, rng.gen_range(12..=480) * 10),
            "pct" => push_num(out, rng.gen_range(5..=95)),
            "hipct" => push_num(out, rng.gen_range(72..=97)),
            "seq" => push_num(out, i64::from(ctx.seq)),
            "x" => push_slot(out, x.get_or_insert_with(|| pick(ctx.items, rng))),
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
                push_slot(out, second);
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

/// Appends a slot's value, contracting it with a "de" or "à" that ends `out`.
fn push_slot(out: &mut String, value: &str) {
    let Some((cut, contracted, skip)) = contraction(out, value) else {
        out.push_str(value);
        return;
    };
    out.truncate(out.len() - cut);
    out.push_str(contracted);
    out.push_str(&value[skip..]);
}

/// How to contract the end of `before` with `value`: how many bytes to cut
/// from `before`, what to write instead, and how many bytes of `value` to skip.
fn contraction(before: &str, value: &str) -> Option<(usize, &'static str, usize)> {
    let (word, capital) = if ends_with_word(before, "de ") {
        ("de ", false)
    } else if ends_with_word(before, "De ") {
        ("De ", true)
    } else if ends_with_word(before, "à ") {
        ("à ", false)
    } else {
        return None;
    };
    let article = if value.starts_with("les ") {
        Some(("les ", "des ", "aux "))
    } else if value.starts_with("le ") {
        Some(("le ", "du ", "au "))
    } else {
        None
    };
    match (word, article) {
        ("à ", Some((a, _, to))) => Some((word.len(), to, a.len())),
        ("à ", None) => None,
        (_, Some((a, to, _))) => Some((
            word.len(),
            if capital { capitalised(to) } else { to },
            a.len(),
        )),
        (_, None) if value.chars().next().is_some_and(is_vowel) => {
            Some((word.len(), if capital { "D'" } else { "d'" }, 0))
        }
        _ => None,
    }
}

fn capitalised(s: &'static str) -> &'static str {
    match s {
        "des " => "Des ",
        "du " => "Du ",
        other => other,
    }
}

/// Whether `text` ends with the word `word` (not the end of a longer word).
fn ends_with_word(text: &str, word: &str) -> bool {
    text.ends_with(word)
        && text[..text.len() - word.len()]
            .bytes()
            .next_back()
            .is_none_or(|p| p.is_ascii() && !p.is_ascii_alphanumeric() && !b"'-/".contains(&p))
}

fn is_vowel(c: char) -> bool {
    "aeiouyàâäéèêëîïôöùûüAEIOUYÀÂÉÈÊÎÔÛ".contains(c)
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

/// The `n`-th working day after the text's day (weekends and public
/// holidays skipped).
fn working_day_after(ctx: &Ctx<'_>, n: u32) -> i64 {
    let mut d = ctx.day;
    let mut left = n;
    while left > 0 {
        d += 1;
        let cached = usize::try_from(d - ctx.first_day)
            .ok()
            .and_then(|i| ctx.working.get(i));
        let working = match cached {
            Some(&w) => w,
            None => weekday(d) < 5 && !is_holiday(d),
        };
        if working {
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
            working: &[],
            first_day: 0,
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
    fn french_contractions_are_made_where_slots_meet_de_and_a() {
        let join = |before: &str, value: &str| {
            let mut out = before.to_owned();
            push_slot(&mut out, value);
            out
        };
        assert_eq!(join("consacré à ", "les feuilles"), "consacré aux feuilles");
        assert_eq!(join("au sujet de ", "le capital"), "au sujet du capital");
        assert_eq!(join("De ", "les arrêts"), "Des arrêts");
        assert_eq!(join("les congés de ", "avril"), "les congés d'avril");
        assert_eq!(join("le site de ", "Orléans"), "le site d'Orléans");
        assert_eq!(join("à ", "Orléans"), "à Orléans");
        // Inside words and before consonants nothing changes.
        assert_eq!(join("la commande ", "le matin"), "la commande le matin");
        assert_eq!(join("la méthode ", "Orléans"), "la méthode Orléans");
        assert_eq!(join("les congés de ", "mai"), "les congés de mai");
        assert_eq!(join("de ", "la Loire"), "de la Loire");
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let thursday = crate::calendar::days_from_civil(2026, 5, 7);
        let ctx = |working: &'static [bool]| Ctx {
            users: &[],
            first_names: &[],
            members: &[],
            demo_member: false,
            group_name: "",
            group_description: "",
            items: &[],
            links: &[],
            writer: 0,
            post_author: 0,
            day: thursday,
            working,
            first_day: thursday,
            seq: 1,
        };
        // Friday 8 May is a holiday, then the weekend: next working day is Monday 11.
        let monday = crate::calendar::days_from_civil(2026, 5, 11);
        assert_eq!(working_day_after(&ctx(&[]), 1), monday);
        // The cache gives the same answer.
        let cache = &[true, false, false, false, true, true];
        assert_eq!(working_day_after(&ctx(cache), 1), monday);
    }
}
