//! One test per rule of the notification policy.

use std::collections::HashSet;

use super::*;
use crate::facts::NewPost;

const ME: Id = 1;
const FOLLOWED: Id = 10;
const OTHER: Id = 20;
const MONDAY_NOON: LocalTime = LocalTime {
    iso_weekday: 1,
    minute_of_day: 12 * 60,
};

fn post(id: Id, group_id: Id, author_id: Id) -> NewPost {
    NewPost {
        post_id: id,
        group_id,
        group_name: format!("Groupe {group_id}"),
        author_id,
        author_name: format!("Auteur {author_id}"),
        body: format!("**Message** {id}"),
        created_at: 0,
    }
}

fn mention(post_id: Id, comment_id: Option<Id>, group_id: Id, author_id: Id) -> NewMention {
    NewMention {
        post_id,
        comment_id,
        group_id,
        group_name: format!("Groupe {group_id}"),
        author_id,
        author_name: "Marie Dupont".into(),
        body: "Bonjour @demo, *merci*".into(),
        created_at: 0,
    }
}

struct Case {
    facts: BatchFacts,
    settings: NotificationSettings,
    raised: HashSet<Id>,
    local: LocalTime,
    now: Millis,
    lang: Language,
}

impl Case {
    fn new(posts: Vec<NewPost>, mentions: Vec<NewMention>) -> Case {
        Case {
            facts: BatchFacts {
                first_sync: false,
                new_posts: posts,
                new_mentions: mentions,
                changed: Default::default(),
            },
            settings: NotificationSettings::default(),
            raised: HashSet::new(),
            local: MONDAY_NOON,
            now: 1_000,
            lang: Language::Fr,
        }
    }

    fn run(&self) -> Decision {
        let followed: HashSet<Id> = [FOLLOWED].into_iter().collect();
        decide(&PolicyInput {
            facts: &self.facts,
            me: ME,
            followed_groups: &followed,
            settings: &self.settings,
            already_raised: &self.raised,
            local: self.local,
            now: self.now,
            language: self.lang,
        })
    }
}

#[test]
fn a_new_post_in_a_followed_group_is_raised_as_plain_text() {
    let d = Case::new(vec![post(100, FOLLOWED, 2)], vec![]).run();
    assert_eq!(d.notifications.len(), 1);
    let n = &d.notifications[0];
    assert_eq!(n.title, "Groupe 10");
    assert_eq!(n.body, "Auteur 2 : Message 100");
    assert_eq!(n.post_id, Some(100));
    assert_eq!(n.count, 1);
    assert!(!n.mention);
    assert_eq!(d.raised, vec![100]);
}

#[test]
fn posts_in_groups_not_followed_are_not_raised() {
    let d = Case::new(vec![post(100, OTHER, 2)], vec![]).run();
    assert!(d.notifications.is_empty());
}

#[test]
fn mentions_are_raised_anywhere() {
    let d = Case::new(vec![], vec![mention(100, None, OTHER, 2)]).run();
    assert_eq!(d.notifications.len(), 1);
    let n = &d.notifications[0];
    assert!(n.mention);
    assert_eq!(n.title, "Marie Dupont vous a mentionné dans Groupe 20");
    assert_eq!(n.body, "Bonjour @demo, merci");
}

#[test]
fn the_users_own_posts_and_mentions_are_never_raised() {
    let d = Case::new(
        vec![post(100, FOLLOWED, ME)],
        vec![mention(101, None, OTHER, ME)],
    )
    .run();
    assert!(d.notifications.is_empty());
    assert!(d.raised.is_empty());
}

#[test]
fn nothing_on_the_first_sync() {
    let mut c = Case::new(
        vec![post(100, FOLLOWED, 2)],
        vec![mention(101, None, OTHER, 2)],
    );
    c.facts.first_sync = true;
    assert!(c.run().notifications.is_empty());
}

#[test]
fn several_posts_of_one_group_become_one_summary() {
    let c = Case::new(
        vec![
            post(100, FOLLOWED, 2),
            post(101, FOLLOWED, 3),
            post(102, FOLLOWED, 2),
        ],
        vec![],
    );
    let d = c.run();
    assert_eq!(d.notifications.len(), 1);
    let n = &d.notifications[0];
    assert_eq!(n.count, 3);
    assert_eq!(n.post_id, None);
    assert_eq!(n.body, "3 nouveaux messages dans Groupe 10");
    assert_eq!(d.raised, vec![100, 101, 102]);
}

#[test]
fn the_summary_speaks_english_when_asked() {
    let mut c = Case::new(vec![post(100, FOLLOWED, 2), post(101, FOLLOWED, 3)], vec![]);
    c.lang = Language::En;
    assert_eq!(c.run().notifications[0].body, "2 new posts in Groupe 10");
}

#[test]
fn nothing_when_disabled_not_even_mentions() {
    let mut c = Case::new(
        vec![post(100, FOLLOWED, 2)],
        vec![mention(101, None, OTHER, 2)],
    );
    c.settings.enabled = false;
    assert!(c.run().notifications.is_empty());
}

#[test]
fn pause_silences_posts_but_mentions_may_break_through() {
    let mut c = Case::new(
        vec![post(100, FOLLOWED, 2)],
        vec![mention(101, None, OTHER, 2)],
    );
    c.settings.paused_until = Some(2_000);
    let d = c.run();
    assert_eq!(d.notifications.len(), 1);
    assert!(d.notifications[0].mention);
    c.settings.mentions_break_through = false;
    assert!(c.run().notifications.is_empty());
}

#[test]
fn an_expired_pause_silences_nothing() {
    let mut c = Case::new(vec![post(100, FOLLOWED, 2)], vec![]);
    c.settings.paused_until = Some(500);
    assert_eq!(c.run().notifications.len(), 1);
}

#[test]
fn quiet_hours_wrap_past_midnight() {
    let q = QuietHours {
        start_minute: 19 * 60,
        end_minute: 8 * 60,
        weekends: false,
    };
    let at = |m| LocalTime {
        iso_weekday: 3,
        minute_of_day: m,
    };
    assert!(in_quiet_hours(&q, at(23 * 60)));
    assert!(in_quiet_hours(&q, at(2 * 60)));
    assert!(in_quiet_hours(&q, at(19 * 60)));
    assert!(!in_quiet_hours(&q, at(8 * 60)));
    assert!(!in_quiet_hours(&q, at(12 * 60)));
    let day = QuietHours {
        start_minute: 12 * 60,
        end_minute: 14 * 60,
        weekends: false,
    };
    assert!(in_quiet_hours(&day, at(13 * 60)));
    assert!(!in_quiet_hours(&day, at(15 * 60)));
}

#[test]
fn quiet_hours_silence_posts_and_cover_weekends() {
    let mut c = Case::new(vec![post(100, FOLLOWED, 2)], vec![]);
    c.settings.quiet_hours = Some(QuietHours {
        start_minute: 19 * 60,
        end_minute: 8 * 60,
        weekends: true,
    });
    assert_eq!(c.run().notifications.len(), 1, "Monday noon is not quiet");
    c.local = LocalTime {
        iso_weekday: 6,
        minute_of_day: 12 * 60,
    };
    assert!(c.run().notifications.is_empty(), "Saturday is quiet");
    c.local = LocalTime {
        iso_weekday: 2,
        minute_of_day: 22 * 60,
    };
    assert!(c.run().notifications.is_empty(), "Tuesday night is quiet");
}

#[test]
fn a_post_already_raised_is_never_raised_again() {
    let mut c = Case::new(
        vec![post(100, FOLLOWED, 2)],
        vec![mention(100, None, FOLLOWED, 2)],
    );
    c.raised.insert(100);
    assert!(c.run().notifications.is_empty());
}

#[test]
fn a_mention_in_a_comment_is_remembered_apart_from_its_post() {
    let mut c = Case::new(vec![], vec![mention(100, Some(7), FOLLOWED, 2)]);
    c.raised.insert(100);
    let d = c.run();
    assert_eq!(d.notifications.len(), 1);
    assert_eq!(d.raised, vec![-7]);
}

#[test]
fn a_post_mentioning_the_user_is_announced_once() {
    let d = Case::new(
        vec![post(100, FOLLOWED, 2)],
        vec![mention(100, None, FOLLOWED, 2)],
    )
    .run();
    assert_eq!(d.notifications.len(), 1);
    assert!(d.notifications[0].mention);
}

#[test]
fn long_bodies_are_truncated_with_an_ellipsis() {
    let mut p = post(100, FOLLOWED, 2);
    p.body = "mot ".repeat(100);
    let d = Case::new(vec![p], vec![]).run();
    let body = &d.notifications[0].body;
    assert!(body.chars().count() <= MAX_BODY_CHARS);
    assert!(body.ends_with('…'));
}
