//! The command line: `hublot [--minimized] [--demo] [--demo-listen ADDR] [hublot://...]`.
//!
//! Parsed by hand and leniently: the autostart entry, the desktop entry and
//! the deep-link handler each add their own arguments, and an unknown one must
//! never stop the app from starting.

use std::net::SocketAddr;

/// What the app was started with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    /// Start hidden in the tray (start at login).
    pub minimized: bool,
    /// Start straight into the demo workspace.
    pub demo: bool,
    /// Address of the embedded demo server (default: an ephemeral loopback port).
    pub demo_listen: Option<SocketAddr>,
    /// A `hublot://` link to open.
    pub deep_link: Option<String>,
}

impl Args {
    /// Parses the arguments after the program name; unknown ones are logged and ignored.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Args {
        let mut parsed = Args::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--minimized" => parsed.minimized = true,
                "--demo" => parsed.demo = true,
                "--demo-listen" => {
                    parsed.demo = true;
                    parsed.demo_listen = args.next().and_then(|a| parse_addr(&a));
                }
                other => {
                    if let Some(addr) = other.strip_prefix("--demo-listen=") {
                        parsed.demo = true;
                        parsed.demo_listen = parse_addr(addr);
                    } else if other.starts_with("hublot://") {
                        parsed.deep_link = Some(other.to_owned());
                    } else {
                        tracing::debug!(argument = other, "ignoring unknown argument");
                    }
                }
            }
        }
        parsed
    }

    /// The arguments of this process.
    pub fn from_env() -> Args {
        Args::parse(std::env::args().skip(1))
    }
}

fn parse_addr(text: &str) -> Option<SocketAddr> {
    match text.parse() {
        Ok(addr) => Some(addr),
        Err(_) => {
            eprintln!("hublot: --demo-listen wants an address like 127.0.0.1:8080, not {text:?}; using an ephemeral port");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Args {
        Args::parse(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn reads_flags_links_and_demo_address() {
        let args = parse(&[
            "--minimized",
            "--demo-listen",
            "127.0.0.1:4010",
            "hublot://post/7",
            "--whatever",
        ]);
        assert!(args.minimized);
        assert!(args.demo);
        assert_eq!(args.demo_listen, Some("127.0.0.1:4010".parse().unwrap()));
        assert_eq!(args.deep_link.as_deref(), Some("hublot://post/7"));
        assert_eq!(
            parse(&["--demo-listen=127.0.0.1:1"]).demo_listen,
            Some("127.0.0.1:1".parse().unwrap())
        );
        assert_eq!(parse(&[]), Args::default());
    }
}
