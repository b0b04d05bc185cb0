//! Plain text for notifications: Markdown stripped, whitespace collapsed,
//! truncated on a character boundary; and the few sentences notifications
//! say, in French and English.

use pulldown_cmark::{Event, Parser, TagEnd};

/// Longest notification body, in characters, before "…".
pub const MAX_BODY_CHARS: usize = 140;

/// The language notifications are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// French (the default of the organisations Hublot is made for).
    #[default]
    Fr,
    /// English.
    En,
}

impl Language {
    /// The language for a locale tag such as `fr-FR` or `en_GB`; French for
    /// anything that is not English.
    pub fn from_tag(tag: &str) -> Language {
        if tag.to_ascii_lowercase().starts_with("en") {
            Language::En
        } else {
            Language::Fr
        }
    }
}

/// The sentences of notifications.
pub(crate) struct Texts {
    /// "{n} new posts in {group}".
    pub summary: fn(u32, &str) -> String,
    /// "{author} mentioned you in {group}".
    pub mention_title: fn(&str, &str) -> String,
    /// "{author}: {text}".
    pub by_author: fn(&str, &str) -> String,
}

const FR: Texts = Texts {
    summary: |n, g| format!("{n} nouveaux messages dans {g}"),
    mention_title: |a, g| format!("{a} vous a mentionné dans {g}"),
    by_author: |a, t| format!("{a} : {t}"),
};

const EN: Texts = Texts {
    summary: |n, g| format!("{n} new posts in {g}"),
    mention_title: |a, g| format!("{a} mentioned you in {g}"),
    by_author: |a, t| format!("{a}: {t}"),
};

pub(crate) fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

/// The text of a Markdown body as a person reads it: no markup, one line.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len().min(1024));
    for ev in Parser::new(markdown) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            // HTML is shown as nothing: it is not rendered anyway.
            _ => {}
        }
        // Enough for a notification: stop parsing a huge body early.
        if out.len() > MAX_BODY_CHARS * 8 {
            break;
        }
    }
    collapse_whitespace(&out)
}

/// Runs of whitespace (including newlines) become one space; ends trimmed.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut on a character boundary, with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some(_) => {
            let keep: String = s.chars().take(max.saturating_sub(1)).collect();
            format!("{}…", keep.trim_end())
        }
    }
}

/// The body of a notification from a Markdown text: plain and short.
pub fn excerpt(markdown: &str) -> String {
    truncate(&plain_text(markdown), MAX_BODY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_stripped_and_whitespace_collapsed() {
        let md = "# Réunion\n\nLe **CSE** se réunit `jeudi`.\n\n- un\n- deux\n\n[lien](https://x.example) <b>x</b>";
        assert_eq!(
            plain_text(md),
            "Réunion Le CSE se réunit jeudi. un deux lien x"
        );
    }

    #[test]
    fn truncation_respects_characters() {
        let s = "é".repeat(200);
        let t = truncate(&s, MAX_BODY_CHARS);
        assert_eq!(t.chars().count(), MAX_BODY_CHARS);
        assert!(t.ends_with('…'));
        assert_eq!(truncate("court", MAX_BODY_CHARS), "court");
        let exact = "a".repeat(MAX_BODY_CHARS);
        assert_eq!(truncate(&exact, MAX_BODY_CHARS), exact);
    }

    #[test]
    fn languages() {
        assert_eq!(Language::from_tag("en-GB"), Language::En);
        assert_eq!(Language::from_tag("fr_FR.UTF-8"), Language::Fr);
        assert_eq!(
            (texts(Language::Fr).summary)(3, "RH"),
            "3 nouveaux messages dans RH"
        );
        assert_eq!((texts(Language::En).summary)(3, "HR"), "3 new posts in HR");
    }
}
