//! `hublot-server`: run the reference server, or administer its database.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use hublot_api::{AddMember, CreateGroup, GroupKind, Role, Visibility};
use hublot_server::storage::{NewUser, Storage};
use hublot_server::{password, DemoConfig, ServerConfig};

/// The reference server of the Hublot API.
#[derive(Parser)]
#[command(name = "hublot-server", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API until SIGINT or SIGTERM.
    Serve {
        /// The SQLite database file (created if missing).
        #[arg(long, env = "HUBLOT_DB")]
        db: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8787", env = "HUBLOT_LISTEN")]
        listen: SocketAddr,
        /// Seed the demo organisation first if the database is empty
        /// (every account's password is `demo`; sign in as `demo`).
        #[arg(long)]
        demo: bool,
        /// With --demo: the number of posts to generate (e.g. 1000000 for benchmarks).
        #[arg(long, requires = "demo")]
        scale: Option<u64>,
        /// With --demo: the generator's seed.
        #[arg(long, requires = "demo")]
        seed: Option<u64>,
    },
    /// Administer a database (the server may be running).
    Admin {
        /// The SQLite database file.
        #[arg(long, env = "HUBLOT_DB")]
        db: PathBuf,
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Users.
    #[command(subcommand)]
    User(UserCommand),
    /// Groups.
    #[command(subcommand)]
    Group(GroupCommand),
}

#[derive(Args)]
struct PasswordSource {
    /// Read the password from the first line of standard input instead of prompting.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account.
    Add {
        /// Handle, used to sign in and in @mentions (lowercase letters, digits, . - _).
        handle: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Work e-mail address (also accepted to sign in).
        #[arg(long)]
        email: String,
        /// Job title.
        #[arg(long, default_value = "")]
        job_title: String,
        /// Department.
        #[arg(long, default_value = "")]
        department: String,
        /// Site.
        #[arg(long, default_value = "")]
        site: String,
        /// Work phone.
        #[arg(long)]
        phone: Option<String>,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Disable an account (signs it out everywhere; its posts remain).
    Disable {
        /// Handle.
        handle: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// Handle.
        handle: String,
    },
    /// Set a new password (signs the account out everywhere).
    ResetPassword {
        /// Handle.
        handle: String,
        #[command(flatten)]
        password: PasswordSource,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum VisibilityArg {
    Public,
    Private,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Work,
    Project,
    Announcement,
    Community,
}

#[derive(Subcommand)]
enum GroupCommand {
    /// Create a group; prints its id.
    Add {
        /// Name.
        name: String,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
        /// Who may see it.
        #[arg(long, value_enum, default_value = "public")]
        visibility: VisibilityArg,
        /// What it is for.
        #[arg(long, value_enum, default_value = "work")]
        kind: KindArg,
        /// Handle of its first admin.
        #[arg(long)]
        admin: Option<String>,
    },
    /// Make someone admin of a group (adding her if needed).
    MakeAdmin {
        /// The group's id or exact name.
        group: String,
        /// Her handle.
        handle: String,
    },
}

fn read_password(src: &PasswordSource) -> Result<String> {
    let pw = if src.password_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        let pw = rpassword::prompt_password("Password: ").context("reading the password")?;
        let again = rpassword::prompt_password("Again: ").context("reading the password")?;
        if pw != again {
            bail!("the two passwords differ; nothing was changed");
        }
        pw
    };
    if pw.chars().count() < 8 {
        bail!("the password is shorter than 8 characters; nothing was changed");
    }
    Ok(pw)
}

fn open(db: &std::path::Path) -> Result<Storage> {
    Storage::open(db).with_context(|| format!("opening the database {}", db.display()))
}

fn admin(db: PathBuf, command: AdminCommand) -> Result<()> {
    let storage = open(&db)?;
    match command {
        AdminCommand::User(UserCommand::Add {
            handle,
            name,
            email,
            job_title,
            department,
            site,
            phone,
            password,
        }) => {
            let pw = read_password(&password)?;
            let user = storage.create_user(&NewUser {
                handle,
                name,
                job_title,
                department,
                site,
                email,
                phone,
                password_hash: password::hash(&pw)?,
            })?;
            println!("created user {} (@{})", user.id, user.handle);
        }
        AdminCommand::User(UserCommand::Disable { handle }) => {
            storage.set_disabled(&handle, true)?;
            println!("disabled @{handle}");
        }
        AdminCommand::User(UserCommand::Enable { handle }) => {
            storage.set_disabled(&handle, false)?;
            println!("enabled @{handle}");
        }
        AdminCommand::User(UserCommand::ResetPassword { handle, password }) => {
            storage.user_id(&handle)?;
            let pw = read_password(&password)?;
            storage.set_password(&handle, &password::hash(&pw)?)?;
            println!("password of @{handle} reset; its sessions were signed out");
        }
        AdminCommand::Group(GroupCommand::Add {
            name,
            description,
            visibility,
            kind,
            admin,
        }) => {
            let admin_id = admin.as_deref().map(|h| storage.user_id(h)).transpose()?;
            let group = storage.create_group(
                admin_id,
                &CreateGroup {
                    name,
                    description,
                    visibility: match visibility {
                        VisibilityArg::Public => Visibility::Public,
                        VisibilityArg::Private => Visibility::Private,
                    },
                    kind: match kind {
                        KindArg::Work => GroupKind::Work,
                        KindArg::Project => GroupKind::Project,
                        KindArg::Announcement => GroupKind::Announcement,
                        KindArg::Community => GroupKind::Community,
                    },
                },
            )?;
            println!("created group {} ({})", group.id, group.name);
        }
        AdminCommand::Group(GroupCommand::MakeAdmin { group, handle }) => {
            let group_id = match group.parse::<i64>() {
                Ok(id) => id,
                Err(_) => storage.group_id_by_name(&group)?,
            };
            let user_id = storage.user_id(&handle)?;
            storage.add_member(
                None,
                group_id,
                &AddMember {
                    user_id,
                    role: Role::Admin,
                },
            )?;
            println!("@{handle} is now admin of group {group_id}");
        }
    }
    Ok(())
}

async fn serve(
    db: PathBuf,
    listen: SocketAddr,
    demo: bool,
    scale: Option<u64>,
    seed: Option<u64>,
) -> Result<()> {
    let demo = demo.then(|| {
        let mut cfg = DemoConfig::default();
        if let Some(posts) = scale {
            cfg.posts = posts;
        }
        if let Some(seed) = seed {
            cfg.seed = seed;
        }
        cfg
    });
    let server = hublot_server::start(ServerConfig {
        db_path: db,
        listen,
        demo,
    })
    .await?;
    println!("listening on http://{}", server.addr());
    shutdown_signal().await;
    tracing::info!("shutting down");
    server.shutdown().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "hublot_server=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            db,
            listen,
            demo,
            scale,
            seed,
        } => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the runtime")?;
            rt.block_on(serve(db, listen, demo, scale, seed))
        }
        Command::Admin { db, command } => admin(db, command),
    }
}
