//! The few sentences the shell itself shows (tray menu, hints), in French and
//! English; the UI translates everything else.

use crate::settings::Language;

/// A language the shell speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language to use for a setting; `System` reads the locale variables.
    pub fn resolve(setting: Language) -> Lang {
        match setting {
            Language::Fr => Lang::Fr,
            Language::En => Lang::En,
            Language::System => {
                let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
                    .unwrap_or_default();
                if locale.starts_with("fr") {
                    Lang::Fr
                } else {
                    Lang::En
                }
            }
        }
    }

    /// Picks the French or English text.
    pub fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}
