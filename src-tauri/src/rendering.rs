//! How WebKitGTK draws the window on Linux.
//!
//! With no GPU to draw with (a virtual desktop, remote X, a VM: no DRM render
//! node), WebKitGTK still composites with OpenGL, on Mesa's software
//! rasteriser: every layer's backing store lives in the web process and each
//! frame goes through an emulated GL pipeline. Measured on such a machine
//! (docs/perf/app.md), that cost the app about 110 MB of idle memory and a
//! slower first paint than WebKit's own non-composited software drawing. So
//! without a render node the app asks WebKit not to composite, unless the
//! person already chose (`WEBKIT_DISABLE_COMPOSITING_MODE` set, to any value).

use std::path::Path;

/// The variable WebKitGTK reads in its web process.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// What [`choose`] decided, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// WebKit's default: composited, with the GPU.
    Default,
    /// No render node: WebKit draws without compositing.
    SoftwareNoCompositing,
    /// The person set `WEBKIT_DISABLE_COMPOSITING_MODE`: left as it is.
    ChosenByEnvironment,
}

static CHOSEN: std::sync::OnceLock<Drawing> = std::sync::OnceLock::new();

/// Decides before WebKit starts (call first thing in `main`, while the
/// process has a single thread: it may set an environment variable that the
/// web processes inherit).
pub fn choose() -> Drawing {
    #[cfg(target_os = "linux")]
    let decision = decide(
        std::env::var_os(DISABLE_COMPOSITING).is_some(),
        has_render_node(Path::new("/dev/dri")),
    );
    #[cfg(not(target_os = "linux"))]
    let decision = Drawing::Default;
    if decision == Drawing::SoftwareNoCompositing {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
    *CHOSEN.get_or_init(|| decision)
}

/// What [`choose`] decided, if it ran.
pub fn chosen() -> Option<Drawing> {
    CHOSEN.get().copied()
}

/// The rule, apart from the machine it reads.
pub fn decide(set_by_person: bool, render_node: bool) -> Drawing {
    if set_by_person {
        Drawing::ChosenByEnvironment
    } else if render_node {
        Drawing::Default
    } else {
        Drawing::SoftwareNoCompositing
    }
}

/// True when `dir` (normally `/dev/dri`) holds a GPU render node (`renderD*`).
pub fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composites_only_with_a_render_node_unless_the_person_chose() {
        assert_eq!(decide(false, true), Drawing::Default);
        assert_eq!(decide(false, false), Drawing::SoftwareNoCompositing);
        assert_eq!(decide(true, false), Drawing::ChosenByEnvironment);
        assert_eq!(decide(true, true), Drawing::ChosenByEnvironment);
    }

    #[test]
    fn finds_render_nodes_and_not_other_devices() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(
            !has_render_node(dir.path()),
            "a display card is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
