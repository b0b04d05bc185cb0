//! Hublot desktop shell: the Tauri app around hublot-core — window, tray,
//! notifications, keyring, deep links, start at login and the IPC commands.

pub mod account;
pub mod args;
pub mod commands;
pub mod commands_session;
pub mod dnd;
pub mod error;
pub mod events;
pub mod i18n;
pub mod logging;
pub mod navigate;
pub mod notifier;
pub mod rendering;
pub mod secrets;
pub mod settings;
pub mod shell;
pub mod tray;
pub mod window;

use tauri::menu::MenuEvent;
use tauri::{AppHandle, Manager, Runtime, Wry};
use tauri_plugin_deep_link::DeepLinkExt;
use tauri_plugin_window_state::StateFlags;

use crate::account::Accounts;
use crate::args::Args;
use crate::shell::{Pause, Shell};

/// Where the embedded demo server listens (`--demo-listen`; None: ephemeral).
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoOptions {
    /// The fixed address, if given.
    pub listen: Option<std::net::SocketAddr>,
}

/// Starts the app; returns when it quits.
pub fn run() {
    commands::note_start();
    rendering::choose();
    let args = Args::from_env();
    match builder(args).build(context()) {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                tauri::async_runtime::block_on(account::close(app));
            }
        }),
        Err(e) => {
            eprintln!("Hublot cannot start: {e}");
            std::process::exit(1);
        }
    }
}

/// The app's configuration (tauri.conf.json, capabilities, embedded UI).
pub fn context() -> tauri::Context<Wry> {
    tauri::generate_context!()
}

/// The app with its plugins, state, commands and window handling.
pub fn builder(args: Args) -> tauri::Builder<Wry> {
    tauri::Builder::default()
        // First: a second launch hands its arguments over and exits before
        // anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            let second = Args::parse(argv.into_iter().skip(1));
            tracing::info!(
                minimized = second.minimized,
                "second launch: focusing this instance"
            );
            match second.deep_link {
                Some(url) => navigate::open_deep_link(app, &url),
                None => window::show_main(app),
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec!["--minimized"]),
        ))
        .plugin(
            // Size and position, not visibility: `--minimized` decides that.
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .plugin(tauri_plugin_opener::init())
        .on_window_event(window::on_event)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::settings,
            commands::save_settings,
            commands::shown_group,
            commands::first_paint,
            commands_session::sign_in,
            commands_session::start_demo,
            commands_session::reset_demo,
            commands_session::sign_out,
            commands_session::feed,
            commands_session::fetch_history,
            commands_session::post_detail,
            commands_session::groups,
            commands_session::group_detail,
            commands_session::people,
            commands_session::profile,
            commands_session::search,
            commands_session::mention_candidates,
            commands_session::render_markdown,
            commands_session::sync_status,
            commands_session::outbox,
            commands_session::unread,
            commands_session::create_post,
            commands_session::edit_post,
            commands_session::delete_post,
            commands_session::create_comment,
            commands_session::edit_comment,
            commands_session::delete_comment,
            commands_session::set_like,
            commands_session::vote,
            commands_session::mark_read,
            commands_session::set_membership,
            commands_session::set_follow,
            commands_session::pin_post,
            commands_session::retry_outbox,
            commands_session::discard_outbox,
            commands_session::edit_outbox,
            commands_session::sync_now,
            commands_session::e2e_demo_server,
        ])
        .setup(move |app| {
            setup(app.handle(), &args)?;
            Ok(())
        })
}

/// Logging, state, tray, window and deep links; never waits on the network.
fn setup(app: &AppHandle<Wry>, args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let paths = app.path();
    match logging::init(&paths.app_log_dir()?) {
        Ok(guard) => {
            app.manage(guard);
        }
        Err(e) => eprintln!("hublot: {e}"),
    }
    tracing::info!(version = %app.package_info().version, minimized = args.minimized, "Hublot starting");
    if rendering::chosen() == Some(rendering::Drawing::SoftwareNoCompositing) {
        tracing::info!("no GPU render node: WebKit draws without compositing");
    }

    let shell = Shell::new(paths.app_config_dir()?, paths.app_cache_dir()?);
    let lang = shell.lang();
    let settings = shell.settings();
    app.manage(shell);
    app.manage(Accounts::default());
    app.manage(DemoOptions {
        listen: args.demo_listen,
    });

    if tray::available() {
        match tray::create(app, lang, on_tray_menu) {
            Ok(_) => app.state::<Shell>().set_tray(true),
            Err(e) => tracing::warn!(error = %e, "no tray icon: closing the window will quit"),
        }
    } else {
        tracing::info!(
            "no tray on this desktop (no StatusNotifierWatcher): closing the window will quit"
        );
    }
    shell::apply(app, &settings);

    let has_tray = app.state::<Shell>().has_tray();
    if !args.minimized {
        window::show_main(app);
    } else if !has_tray {
        // Nowhere to hide: start minimised in the taskbar instead.
        if let Some(w) = app.get_webview_window(window::MAIN) {
            let _ = w.show().and_then(|()| w.minimize());
        }
    }

    // Links from the OS (macOS, Windows) and from the first launch.
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            navigate::open_deep_link(&handle, url.as_str());
        }
    });
    if let Some(url) = &args.deep_link {
        navigate::open_deep_link(app, url);
    }

    quit_on_signals(app);

    // The remembered account reopens on its cache in the background: the
    // window never waits on it (nor on the network).
    let (handle, demo, listen) = (app.clone(), args.demo, args.demo_listen);
    tauri::async_runtime::spawn(async move {
        if let Err(e) = account::restore(&handle, demo, listen).await {
            tracing::warn!(code = ?e.code, error = %e.message, "could not reopen the account");
        }
        handle.state::<Accounts>().mark_restored();
    });
    Ok(())
}

/// SIGTERM (a session logout, `kill`), SIGINT and SIGHUP quit the app as its
/// Quit item does, so the cache is closed cleanly instead of the process
/// dying with it open.
fn quit_on_signals(app: &AppHandle<Wry>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let handle = app.clone();
        tauri::async_runtime::spawn(async move {
            let (mut term, mut int, mut hup) = match (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
                signal(SignalKind::hangup()),
            ) {
                (Ok(t), Ok(i), Ok(h)) => (t, i, h),
                _ => {
                    tracing::warn!(
                        "cannot listen to quit signals: a kill will not close the cache cleanly"
                    );
                    return;
                }
            };
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
                _ = hup.recv() => {}
            }
            tracing::info!("asked to quit by a signal");
            handle.exit(0);
        });
    }
    #[cfg(not(unix))]
    let _ = app;
}

/// Handles the tray menu.
fn on_tray_menu<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        tray::ids::OPEN => window::show_main(app),
        tray::ids::SYNC => match app.state::<Accounts>().session() {
            Ok(session) => session.sync_now(),
            Err(_) => window::show_main(app),
        },
        tray::ids::PAUSE_HOUR => shell::pause(app, Pause::Hour),
        tray::ids::PAUSE_TOMORROW => shell::pause(app, Pause::Tomorrow),
        tray::ids::PAUSE_FOREVER => shell::pause(app, Pause::Forever),
        tray::ids::RESUME => shell::pause(app, Pause::Resume),
        tray::ids::QUIT => app.exit(0),
        _ => {}
    }
}
