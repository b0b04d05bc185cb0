//! Conversions between wire enums, ids and their SQLite representation.

use hublot_api::{GroupKind, Millis, Role, Visibility};
use uuid::Uuid;

/// Now, in milliseconds since the epoch.
pub(super) fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

pub(super) fn visibility_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Private => "private",
    }
}

pub(super) fn visibility_parse(s: &str) -> Visibility {
    if s == "private" {
        Visibility::Private
    } else {
        Visibility::Public
    }
}

pub(super) fn kind_str(k: GroupKind) -> &'static str {
    match k {
        GroupKind::Work => "work",
        GroupKind::Project => "project",
        GroupKind::Announcement => "announcement",
        GroupKind::Community => "community",
    }
}

pub(super) fn kind_parse(s: &str) -> GroupKind {
    match s {
        "project" => GroupKind::Project,
        "announcement" => GroupKind::Announcement,
        "community" => GroupKind::Community,
        _ => GroupKind::Work,
    }
}

pub(super) fn role_str(r: Role) -> &'static str {
    match r {
        Role::Member => "member",
        Role::Admin => "admin",
    }
}

pub(super) fn role_parse(s: &str) -> Role {
    if s == "admin" {
        Role::Admin
    } else {
        Role::Member
    }
}

/// A UUID stored as its 16 bytes.
pub(super) fn uuid_from_blob(b: &[u8]) -> Uuid {
    Uuid::from_slice(b).unwrap_or(Uuid::nil())
}

/// Initials for an avatar: the first letter of the first and last words.
pub(super) fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default()
    };
    match words.as_slice() {
        [] => String::new(),
        [one] => first(one),
        [a, .., b] => format!("{}{}", first(a), first(b)),
    }
}

/// Lowercase, accents removed, for accent-insensitive directory search.
pub(super) fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Hélène ÉLOÏSE Çà"), "helene eloise ca");
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Marie Dupont"), "MD");
        assert_eq!(initials("élodie de la Fontaine"), "ÉF");
        assert_eq!(initials("Cher"), "C");
    }
}
