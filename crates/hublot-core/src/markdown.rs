//! Markdown bodies rendered to HTML that is safe to insert in the UI.
//!
//! Two layers: the Markdown renderer never passes raw HTML through (it is
//! shown as text), images become plain links, and `@handle` of known people
//! becomes a mention link the UI intercepts; then `ammonia` cleans the result
//! with a strict allow-list (no scripts, styles, event handlers, images, or
//! URL schemes other than http, https, mailto and the app's own `hublot:`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use hublot_api::Id;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(HashSet::from([
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]))
    .tag_attributes(HashMap::from([
        ("a", HashSet::from(["href", "title", "data-user-id"])),
        ("ol", HashSet::from(["start"])),
    ]))
    .allowed_classes(HashMap::from([("a", HashSet::from(["mention"]))]))
    .url_schemes(HashSet::from(["http", "https", "mailto", "hublot"]))
    .url_relative(ammonia::UrlRelative::Deny)
    .link_rel(Some("noopener noreferrer"))
    .clean_content_tags(HashSet::from(["script", "style"]))
    .strip_comments(true);
    b
});

/// Renders a Markdown body to sanitised HTML. `resolve` maps an `@handle` to
/// the id of a known person (unknown handles stay plain text).
pub fn to_html(markdown: &str, resolve: &dyn Fn(&str) -> Option<Id>) -> String {
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut in_link = 0u32;
    let mut in_code = 0u32;
    // Image events turned into links: the link needs text when the alt is empty.
    let mut image_src: Vec<(CowStr<'_>, bool)> = Vec::new();
    for ev in Parser::new_ext(markdown, opts) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                in_link += 1;
                image_src.push((dest_url.clone(), false));
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                }));
            }
            Event::End(TagEnd::Image) => {
                in_link = in_link.saturating_sub(1);
                if let Some((src, had_text)) = image_src.pop() {
                    if !had_text {
                        events.push(Event::Text(src));
                    }
                }
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Link { .. }) => {
                in_link += 1;
                events.push(ev);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                events.push(ev);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code += 1;
                events.push(ev);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = in_code.saturating_sub(1);
                events.push(ev);
            }
            Event::Text(t) => {
                if let Some(last) = image_src.last_mut() {
                    last.1 = true;
                }
                if in_link == 0 && in_code == 0 && t.contains('@') {
                    push_mentions(&t, resolve, &mut events);
                } else {
                    events.push(Event::Text(t));
                }
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 4 + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    CLEANER.clean(&html).to_string()
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
}

/// Splits text around `@handle`s of known people, making each a mention link.
fn push_mentions<'a>(text: &str, resolve: &dyn Fn(&str) -> Option<Id>, out: &mut Vec<Event<'a>>) {
    let mut rest = 0usize;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let at_start = i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if bytes[i] == b'@' && at_start {
            let tail = &text[i + 1..];
            let mut len = tail
                .find(|c: char| !is_handle_char(c))
                .unwrap_or(tail.len());
            // A sentence's final dot is not part of the handle.
            while len > 0 && tail[..len].ends_with('.') {
                len -= 1;
            }
            if len > 0 {
                let handle = &tail[..len];
                if let Some(id) = resolve(handle) {
                    if rest < i {
                        out.push(Event::Text(CowStr::from(text[rest..i].to_string())));
                    }
                    // Handles hold only [a-z0-9._-]: nothing to escape.
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<a class=\"mention\" data-user-id=\"{id}\" href=\"hublot://user/{id}\">@{handle}</a>"
                    ))));
                    i += 1 + len;
                    rest = i;
                    continue;
                }
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if rest < text.len() {
        out.push(Event::Text(CowStr::from(text[rest..].to_string())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        to_html(md, &|h| match h {
            "marie.dupont" => Some(7),
            _ => None,
        })
    }

    /// Nothing that runs code, loads something or restyles the page survives:
    /// every raw tag is on the allow-list, with allowed attributes and URLs
    /// only (escaped text such as `&lt;script&gt;` is harmless).
    fn assert_inert(html: &str) {
        const TAGS: &[&str] = &[
            "p",
            "br",
            "strong",
            "em",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ];
        for piece in html.split('<').skip(1) {
            let full = piece.split('>').next().unwrap_or("").to_ascii_lowercase();
            // Attribute values are quoted and escaped: check names outside them.
            let tag: String = full.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                TAGS.contains(&name.as_str()),
                "tag {name:?} survived in {html:?}"
            );
            for bad in [
                " on",
                "style",
                "javascript:",
                "vbscript:",
                "data:",
                "target",
                "src",
                "srcdoc",
                "formaction",
            ] {
                assert!(
                    !tag.contains(bad),
                    "{bad:?} survived in tag {tag:?} of {html:?}"
                );
            }
            if let Some(i) = full.find("href=\"") {
                let url = &full[i + 6..];
                assert!(
                    ["http://", "https://", "mailto:", "hublot://"]
                        .iter()
                        .any(|s| url.starts_with(s)),
                    "bad URL in {tag:?}"
                );
            }
        }
    }

    #[test]
    fn hostile_corpus_is_neutralised() {
        let corpus = [
            "<script>alert(1)</script>",
            "hello <img src=x onerror=alert(1)>",
            "<svg onload=alert(1)><circle/></svg>",
            "<svg><script>alert(1)</script></svg>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  javascript:alert(1))",
            "[click](java&#x09;script:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
            "![pic](https://evil.example/track.png)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</div>",
            "<style>body{display:none}</style>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<object data=\"x.swf\"></object><embed src=x>",
            "<form action=x><input type=submit formaction=javascript:alert(1)></form>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<a href=x onclick=alert(1) target=_blank>x</a>",
            "<base href=\"https://evil.example/\">",
            "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
            "<<script>script>alert(1)<</script>/script>",
            "<!--<script>alert(1)//-->",
            "[x](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
            "<details open ontoggle=alert(1)>",
            "`<script>` in code is text",
            "```html\n<script>alert(1)</script>\n```",
            "<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "[x](//evil.example/relative)",
        ];
        for md in corpus {
            let html = render(md);
            assert_inert(&html);
        }
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render("<b>bold?</b>");
        assert!(html.contains("&lt;b&gt;bold?&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = render("# Title\n\n**bold** _it_ ~~old~~ `code`\n\n- a\n- b\n\n> quote");
        for want in [
            "<h1>Title</h1>",
            "<strong>bold</strong>",
            "<em>it</em>",
            "<del>old</del>",
            "<code>code</code>",
            "<li>a</li>",
            "<blockquote>",
        ] {
            assert!(html.contains(want), "{want} missing in {html}");
        }
    }

    #[test]
    fn links_get_rel_and_no_target() {
        let html = render("[site](https://example.org/a?b=1&c=2)");
        assert!(
            html.contains("href=\"https://example.org/a?b=1&amp;c=2\""),
            "{html}"
        );
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
        assert!(!html.contains("target"), "{html}");
        let mail = render("[me](mailto:a@b.example)");
        assert!(mail.contains("href=\"mailto:a@b.example\""), "{mail}");
    }

    #[test]
    fn images_become_links() {
        let html = render("![a cat](https://example.org/cat.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/cat.png\""),
            "{html}"
        );
        assert!(html.contains(">a cat</a>"), "{html}");
        let bare = render("![](https://example.org/cat.png)");
        assert!(bare.contains(">https://example.org/cat.png</a>"), "{bare}");
    }

    #[test]
    fn mentions_of_known_people_become_links() {
        let html = render("Thanks @marie.dupont. And @nobody, mail x@marie.dupont");
        assert!(
            html.contains("<a class=\"mention\" data-user-id=\"7\" href=\"hublot://user/7\" rel=\"noopener noreferrer\">@marie.dupont</a>."),
            "{html}"
        );
        assert!(html.contains("@nobody"), "{html}");
        assert_eq!(html.matches("class=\"mention\"").count(), 1, "{html}");
        // Not inside code.
        let code = render("`@marie.dupont`");
        assert!(!code.contains("mention"), "{code}");
    }

    #[test]
    fn the_cleaner_alone_neutralises_raw_html() {
        // The second layer, in case raw HTML ever reached it.
        let html = CLEANER
            .clean("<a class=\"evil mention\" href=\"https://x.example\" onclick=\"x()\">x</a>")
            .to_string();
        assert!(
            !html.contains("evil") && html.contains("class=\"mention\""),
            "{html}"
        );
        for raw in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)><circle/></svg>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<p style=\"position:fixed\">x</p>",
            "<style>*{}</style><iframe src=x></iframe>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<a href=\"/relative\" target=\"_blank\">x</a>",
        ] {
            assert_inert(&CLEANER.clean(raw).to_string());
        }
    }
}
