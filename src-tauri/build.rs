//! Generates the Tauri context (config, capabilities, ACL) at build time.
fn main() {
    tauri_build::build()
}
