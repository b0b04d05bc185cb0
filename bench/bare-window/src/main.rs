//! A bare Tauri window: the floor of Hublot's start-up and memory benchmark.
//! Prints `painted_at_ms=<epoch ms>` when its page reports its first frame.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The page painted its first frame at `at` (epoch milliseconds).
#[tauri::command]
fn painted(at: f64) {
    println!("painted_at_ms={at:.1}");
}

fn main() {
    let app = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("bare-window cannot start: {e}");
            std::process::exit(1);
        }
    }
}
