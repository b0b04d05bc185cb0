//! The desktop's do-not-disturb state, where it can be read.
//!
//! GNOME keeps it in the `show-banners` key of `org.gnome.desktop.notifications`
//! (false = do not disturb), read here with `gsettings`. Other desktops (KDE,
//! XFCE, Windows focus assist, macOS focus) expose no stable interface we can
//! read without extra permissions: there the daemon or OS applies its own rule
//! and Hublot raises notifications as usual.

/// Whether the desktop asks not to show notification banners now.
pub fn active() -> bool {
    #[cfg(target_os = "linux")]
    {
        gnome_show_banners() == Some(false)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// GNOME's `show-banners`; `None` when gsettings or the schema is missing.
#[cfg(target_os = "linux")]
fn gnome_show_banners() -> Option<bool> {
    let out = std::process::Command::new("gsettings")
        .args(["get", "org.gnome.desktop.notifications", "show-banners"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    match String::from_utf8_lossy(&out.stdout).trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
