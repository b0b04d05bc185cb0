//! `hublot-cli`: Hublot from the command line, over `hublot-core`.
//!
//! Power users script Hublot with it; the benchmarks and crash tests drive
//! the sync engine through it. Read commands take `--json`.

mod account;
mod fail;

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hublot_api::Id;
use hublot_core::client::ApiClient;
use hublot_core::session::{cache_path, Session, SessionConfig};
use hublot_core::views::{FeedQuery, OutboxState, SearchQuery, SendState, SyncState};

use account::Account;
use fail::{CliError, Exit};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (a write queued while offline is a success: it stays in the outbox)
  1  any other error
  2  invalid command line
  3  not signed in (no account, no token, or the token was refused)
  4  the server cannot be reached
  5  the server refused the request or answered something unreadable
  6  the local cache or data directory cannot be used (disk full, permissions)
  7  invalid input (too long, unknown id)

The token is kept in the OS keyring. Where no secret service runs (CI, servers),
sign in with `login --print-token` and pass the token in the environment variable
HUBLOT_TOKEN (or the one named by --token-env): it then takes precedence over the keyring.";

/// Hublot from the command line: sign in, sync, read, search, post, comment,
/// like, vote, and inspect the outbox. Works offline from the local cache.
#[derive(Debug, Parser)]
#[command(name = "hublot-cli", version, after_help = EXIT_CODES)]
struct Cli {
    /// Where account and caches live (default: the OS data directory).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The server address, e.g. https://hublot.example.org (default: the one signed in to).
    #[arg(long, global = true, value_name = "URL")]
    server: Option<String>,
    /// Read the token from this environment variable instead of the keyring, when it is set.
    #[arg(
        long,
        global = true,
        value_name = "VAR",
        default_value = "HUBLOT_TOKEN"
    )]
    token_env: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sign in; the token goes to the OS keyring.
    Login {
        /// Handle or e-mail address.
        #[arg(long)]
        login: String,
        /// Read the password from standard input (for scripts).
        #[arg(long)]
        password_stdin: bool,
        /// Print the token on standard output instead of storing it in the
        /// keyring (pass it back in HUBLOT_TOKEN).
        #[arg(long)]
        print_token: bool,
    },
    /// Sign out: revoke the token on the server and remove it from the keyring.
    Logout,
    /// Bring the cache up to date and send the outbox.
    Sync {
        /// Keep syncing (live, woken by the server) until interrupted.
        #[arg(long)]
        watch: bool,
        /// Changes asked for per request (1 to 5000; smaller batches commit more often).
        #[arg(long, value_name = "N")]
        batch: Option<u32>,
        /// On a first sync, read the whole change feed from its beginning
        /// (every post you may see) instead of the recent posts only; older
        /// history is otherwise fetched on demand. For full offline copies
        /// and benchmarks.
        #[arg(long)]
        full_history: bool,
    },
    /// Print the feed (all joined groups, or one), newest first, from the cache.
    Feed {
        /// Only this group.
        #[arg(long)]
        group: Option<Id>,
        /// Most posts to print.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over cached posts and comments.
    Search {
        /// Words to find (accent- and case-insensitive).
        text: String,
        /// Only in this group.
        #[arg(long)]
        group: Option<Id>,
        /// Only by this author (user id).
        #[arg(long)]
        author: Option<Id>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a post (BODY, or `-` to read it from standard input).
    Post {
        /// The group to post in.
        #[arg(long)]
        group: Id,
        /// Markdown body, or `-`.
        body: String,
    },
    /// Comment on a post.
    Comment {
        /// The post.
        #[arg(long)]
        post: Id,
        /// Markdown body, or `-`.
        body: String,
    },
    /// Like a post (or remove the like with --undo).
    Like {
        /// The post.
        #[arg(long)]
        post: Id,
        /// Remove the like.
        #[arg(long)]
        undo: bool,
    },
    /// Vote in a post's poll (the complete choice; no --option withdraws the vote).
    Vote {
        /// The post.
        #[arg(long)]
        post: Id,
        /// Chosen option ids.
        #[arg(long = "option")]
        options: Vec<Id>,
    },
    /// Show what waits to be sent, and what the server refused.
    Outbox {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the account, the cache and the sync state.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HUBLOT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hublot-cli: error: cannot start: {e}");
            return ExitCode::from(Exit::Other as u8);
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hublot-cli: error: {}", e.message);
            if let Some(h) = e.hint {
                eprintln!("  hint: {h}");
            }
            ExitCode::from(e.exit as u8)
        }
    }
}

fn read_body(body: String) -> Result<String, CliError> {
    if body != "-" {
        return Ok(body);
    }
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).map_err(|e| {
        CliError::new(
            Exit::Input,
            format!("cannot read the body from standard input: {e}"),
        )
    })?;
    Ok(s)
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), CliError> {
    let s = serde_json::to_string_pretty(v)
        .map_err(|e| CliError::new(Exit::Other, format!("cannot encode JSON: {e}")))?;
    println!("{s}");
    Ok(())
}

/// Opens the session of the data directory's account.
fn open(cli: &Cli) -> Result<(Session, Account), CliError> {
    let dir = account::data_dir(cli.data_dir.as_deref())?;
    let mut acc = account::load(&dir)?;
    if let Some(s) = &cli.server {
        acc.server = s.clone();
    }
    let token = account::token(&acc, &cli.token_env)?;
    let session = Session::open(SessionConfig {
        cache_path: cache_path(Some(&dir), &acc.key())?,
        server: acc.server.clone(),
        token,
    })?;
    let report = session.open_report();
    if report.rebuilt {
        eprintln!(
            "hublot-cli: note: the cache was damaged and rebuilt; {} unsent item(s) recovered",
            report.salvaged_outbox
        );
        if report.lost_outbox {
            eprintln!("hublot-cli: warning: some unsent items could not be recovered from the damaged cache");
        }
    }
    Ok((session, acc))
}

/// After a write: try to send at once; offline is fine (it stays queued).
async fn send_now(session: &Session) -> Result<(), CliError> {
    match session.sync_once().await {
        Ok(r) if r.failed > 0 => Err(CliError::new(
            Exit::Server,
            "the server refused the item; it stays in the outbox, marked failed",
        )
        .hint("see `hublot-cli outbox` for the server's reason")),
        Ok(_) => {
            println!("sent");
            Ok(())
        }
        Err(hublot_core::SessionError::Client(e)) | Err(hublot_core::SessionError::Offline(e))
            if e.is_transient() =>
        {
            println!("queued: {e}; it will be sent at the next sync");
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

async fn run(cli: Cli) -> Result<(), CliError> {
    match &cli.command {
        Command::Login {
            login,
            password_stdin,
            print_token,
        } => {
            let dir = account::data_dir(cli.data_dir.as_deref())?;
            let server = match &cli.server {
                Some(s) => s.clone(),
                None => account::load(&dir).map(|a| a.server).map_err(|_| {
                    CliError::new(Exit::Input, "which server?").hint("pass --server URL")
                })?,
            };
            let password = if *password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s).map_err(|e| {
                    CliError::new(
                        Exit::Input,
                        format!("cannot read the password from standard input: {e}"),
                    )
                })?;
                s.trim_end_matches(['\n', '\r']).to_string()
            } else if std::io::stdin().is_terminal() {
                rpassword::prompt_password(format!("Password for {login}: ")).map_err(|e| {
                    CliError::new(Exit::Input, format!("cannot read the password: {e}"))
                })?
            } else {
                return Err(
                    CliError::new(Exit::Input, "no terminal to ask the password on")
                        .hint("pass --password-stdin and write the password on standard input"),
                );
            };
            let client = ApiClient::new(&server, None)?;
            let answer = client.login(login, &password).await.map_err(|e| match e {
                hublot_core::ClientError::Unauthorized { message } => CliError::new(
                    Exit::NotSignedIn,
                    format!("sign-in to {server} refused: {message}"),
                )
                .hint("check the login and the password"),
                other => other.into(),
            })?;
            let acc = Account {
                server: server.clone(),
                login: login.clone(),
            };
            if *print_token {
                println!("{}", answer.token);
            } else {
                account::store_token(&acc, &answer.token)?;
                eprintln!(
                    "signed in to {server} as {} ({})",
                    answer.user.name, answer.user.handle
                );
            }
            account::save(&dir, &acc)?;
            Ok(())
        }
        Command::Logout => {
            let dir = account::data_dir(cli.data_dir.as_deref())?;
            let acc = account::load(&dir)?;
            if let Ok(token) = account::token(&acc, &cli.token_env) {
                let client = ApiClient::new(&acc.server, Some(token))?;
                if let Err(e) = client.logout().await {
                    eprintln!("hublot-cli: warning: the server could not revoke the token: {e}");
                }
            }
            account::delete_token(&acc)?;
            account::remove(&dir)?;
            eprintln!("signed out of {}", acc.server);
            Ok(())
        }
        Command::Sync {
            watch,
            batch,
            full_history,
        } => {
            let (session, _) = open(&cli)?;
            if let Some(n) = batch {
                session.set_sync_batch(*n);
            }
            session.set_full_history(*full_history);
            if !*watch {
                let r = session.sync_once().await?;
                println!(
                    "synced: {} change(s) applied, {} item(s) sent, {} refused",
                    r.changes, r.sent, r.failed
                );
                return Ok(());
            }
            watch_forever(session).await
        }
        Command::Feed { group, limit, json } => {
            let (session, _) = open(&cli)?;
            let page = session.store().feed(&FeedQuery {
                group_id: *group,
                before: None,
                limit: Some(*limit),
            })?;
            if *json {
                return print_json(&page);
            }
            for p in &page.posts {
                let id =
                    p.id.map(|i| i.to_string())
                        .unwrap_or_else(|| "pending".into());
                let state = match &p.send_state {
                    SendState::Sent => String::new(),
                    SendState::Pending => " [pending]".into(),
                    SendState::Failed { reason, .. } => format!(" [failed: {reason}]"),
                };
                println!(
                    "#{id} {} · {}{}{}",
                    p.group.name,
                    p.author.name,
                    if p.pinned { " · pinned" } else { "" },
                    state
                );
                println!(
                    "  {}",
                    hublot_core::notify::truncate(&hublot_core::notify::plain_text(&p.body), 200)
                );
                println!(
                    "  {} comment(s), {} like(s){}",
                    p.comment_count,
                    p.like_count,
                    if p.poll.is_some() { ", poll" } else { "" }
                );
            }
            if page.more_on_server {
                println!("(older posts are on the server; the app fetches them on demand)");
            }
            Ok(())
        }
        Command::Search {
            text,
            group,
            author,
            json,
        } => {
            let (session, _) = open(&cli)?;
            let hits = session.store().search(&SearchQuery {
                text: text.clone(),
                group_id: *group,
                author_id: *author,
                limit: None,
            })?;
            if *json {
                return print_json(&hits);
            }
            for h in &hits {
                let snippet = h
                    .snippet_html
                    .replace("<mark>", "[")
                    .replace("</mark>", "]");
                println!(
                    "#{} {} · {}: {}",
                    h.post_id, h.group.name, h.author.name, snippet
                );
            }
            Ok(())
        }
        Command::Post { group, body } => {
            let (session, _) = open(&cli)?;
            let body = read_body(body.clone())?;
            session.create_post(*group, body, None)?;
            send_now(&session).await
        }
        Command::Comment { post, body } => {
            let (session, _) = open(&cli)?;
            let body = read_body(body.clone())?;
            session.create_comment(*post, body)?;
            send_now(&session).await
        }
        Command::Like { post, undo } => {
            let (session, _) = open(&cli)?;
            session.set_like(*post, !*undo)?;
            send_now(&session).await
        }
        Command::Vote { post, options } => {
            let (session, _) = open(&cli)?;
            session.vote(*post, options.clone())?;
            send_now(&session).await
        }
        Command::Outbox { json } => {
            let (session, _) = open(&cli)?;
            let items = session.store().outbox_list()?;
            if *json {
                return print_json(&items);
            }
            if items.is_empty() {
                println!("the outbox is empty");
            }
            for i in &items {
                let state = match &i.state {
                    OutboxState::Queued => "queued".to_string(),
                    OutboxState::Sending => "sending".to_string(),
                    OutboxState::Failed { reason } => format!("failed: {reason}"),
                };
                println!(
                    "{:>5} {:?} {} ({}; {} attempt(s))",
                    i.id, i.kind, i.summary, state, i.attempts
                );
            }
            Ok(())
        }
        Command::Status { json } => {
            let (session, acc) = open(&cli)?;
            let status = session.status().borrow().clone();
            let cursor = session.store().cursor()?;
            let me = session.store().me()?;
            if *json {
                return print_json(&serde_json::json!({
                    "server": acc.server,
                    "login": acc.login,
                    "user_id": me,
                    "cache": session.store().path(),
                    "cursor": cursor,
                    "last_synced_at": status.last_synced_at,
                    "pending": status.pending,
                    "failed": status.failed,
                }));
            }
            println!("account:  {} on {}", acc.login, acc.server);
            println!("cache:    {}", session.store().path().display());
            println!(
                "synced:   {}",
                match status.last_synced_at {
                    Some(t) => format!("last complete sync at {t} (ms since epoch)"),
                    None => "never".into(),
                }
            );
            println!(
                "outbox:   {} pending, {} refused",
                status.pending, status.failed
            );
            Ok(())
        }
    }
}

/// `sync --watch`: runs the engine, prints state changes and notifications.
async fn watch_forever(session: Session) -> Result<(), CliError> {
    let mut status = session.status();
    let mut notes = session.subscribe_notifications();
    session.start();
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            r = status.changed() => {
                if r.is_err() { break; }
                let st = status.borrow_and_update().clone();
                match &st.state {
                    SyncState::Online => eprintln!("online ({} pending, {} refused)", st.pending, st.failed),
                    SyncState::Syncing { applied } => eprintln!("syncing: {applied} change(s)"),
                    SyncState::Offline { retry_at, .. } => eprintln!("offline; next attempt at {retry_at:?}"),
                    SyncState::Error { reason, .. } => eprintln!("error: {reason}"),
                    SyncState::SignedOut => {
                        session.shutdown().await;
                        return Err(CliError::new(Exit::NotSignedIn, "the server refused the token")
                            .hint("sign in again with `hublot-cli login`"));
                    }
                }
            }
            n = notes.recv() => {
                if let Ok(list) = n {
                    for n in list {
                        println!("{}: {}", n.title, n.body);
                    }
                }
            }
        }
    }
    session.shutdown().await;
    Ok(())
}
