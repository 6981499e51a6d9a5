//! Init lines, as `readline.parse_and_bind` and init files (~/.inputrc)
//! give them to GNU readline (lib/readline/bind.c's
//! `rl_parse_and_bind`): `set VARIABLE VALUE` and `KEY: FUNCTION`.
//!
//! Krait's line editor takes what it has a counterpart for: the editing
//! mode, what Tab does, and how matches are listed. Anything else is
//! ignored, as readline ignores what it does not know.

use rustyline::config::BellStyle;
use rustyline::EditMode;

/// What init lines have set.
pub(crate) struct Settings {
    pub edit_mode: EditMode,
    /// Whether Tab completes; CPython binds it to insert a tab until
    /// told otherwise (Lib/site.py binds it to `complete`).
    pub tab_completes: bool,
    /// `show-all-if-ambiguous`: list the matches at the first Tab.
    pub show_all_if_ambiguous: bool,
    /// `completion-query-items`: past this many matches, ask first.
    pub query_items: usize,
    pub bell_style: BellStyle,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            edit_mode: EditMode::Emacs,
            tab_completes: false,
            show_all_if_ambiguous: false,
            query_items: 100,
            bell_style: BellStyle::Audible,
        }
    }
}

impl Settings {
    /// Applies the lines of an init file or of a `parse_and_bind` string.
    pub fn parse(&mut self, text: &str) {
        for line in text.lines() {
            self.parse_line(line.trim());
        }
    }

    fn parse_line(&mut self, line: &str) {
        // Comments, and the conditionals of init files (`$if`), whose
        // bindings then apply whatever the condition.
        if line.is_empty() || line.starts_with('#') || line.starts_with('$') {
            return;
        }
        if let Some(rest) = line
            .strip_prefix("set")
            .filter(|r| r.starts_with([' ', '\t']))
        {
            let mut words = rest.split_whitespace();
            if let (Some(name), value) = (words.next(), words.next().unwrap_or("")) {
                self.set_variable(&name.to_ascii_lowercase(), value);
            }
            return;
        }
        if let Some((key, function)) = split_binding(line) {
            if is_tab(key) {
                match function.trim().to_ascii_lowercase().as_str() {
                    "complete" | "menu-complete" => self.tab_completes = true,
                    "self-insert" | "tab-insert" => self.tab_completes = false,
                    _ => {}
                }
            }
        }
    }

    fn set_variable(&mut self, name: &str, value: &str) {
        let on = value.is_empty() || value.eq_ignore_ascii_case("on") || value == "1";
        match name {
            "editing-mode" => match value.to_ascii_lowercase().as_str() {
                "vi" => self.edit_mode = EditMode::Vi,
                "emacs" => self.edit_mode = EditMode::Emacs,
                _ => {}
            },
            "show-all-if-ambiguous" => self.show_all_if_ambiguous = on,
            "completion-query-items" => {
                // Readline takes a negative number as "never ask".
                if let Ok(n) = value.parse::<i64>() {
                    self.query_items = usize::try_from(n).unwrap_or(usize::MAX);
                }
            }
            "bell-style" => match value.to_ascii_lowercase().as_str() {
                "none" | "off" => self.bell_style = BellStyle::None,
                "visible" => self.bell_style = BellStyle::Visible,
                "audible" | "on" => self.bell_style = BellStyle::Audible,
                _ => {}
            },
            _ => {}
        }
    }
}

/// The key and the function of a `KEY: FUNCTION` line; the key may be
/// quoted, and a quoted one may hold a colon.
fn split_binding(line: &str) -> Option<(&str, &str)> {
    if let Some(quoted) = line.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    let rest = quoted[i + 1..].trim_start().strip_prefix(':')?;
                    return Some((&line[..i + 2], rest));
                }
                _ => escaped = false,
            }
        }
        return None;
    }
    line.split_once(':').map(|(key, f)| (key.trim(), f))
}

/// Whether a key names Tab: its name, Control-I, or a quoted tab.
fn is_tab(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    matches!(
        key.as_str(),
        "tab" | "c-i" | "control-i" | "\"\\t\"" | "\"\\c-i\"" | "\"\t\""
    )
}
