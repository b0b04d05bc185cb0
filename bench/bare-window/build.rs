//! Generates the Tauri context (config, embedded page) at build time.
fn main() {
    tauri_build::build()
}
