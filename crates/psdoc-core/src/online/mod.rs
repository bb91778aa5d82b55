//! `psdoc check --online`: does every evidence link answer? Only this
//! module touches the network, and only when asked; its client is built
//! only with the `online` feature (the `psdoc` CLI has it; `mdbook-psdoc`,
//! which never checks links, does not).

#[cfg(feature = "online")]
mod client;
#[cfg(feature = "online")]
pub use client::check_links;

use std::time::Duration;

/// What a link answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStatus {
    /// A success status (2xx), after redirects.
    Ok(u16),
    /// An error status (4xx, 5xx) after redirects.
    Status(u16),
    /// No answer: the reason (timeout, unknown host, refused, TLS).
    Failed(String),
}

impl LinkStatus {
    pub fn is_broken(&self) -> bool {
        !matches!(self, LinkStatus::Ok(_))
    }
}

/// How links are checked.
#[derive(Debug, Clone)]
pub struct OnlineOptions {
    pub timeout: Duration,
    pub concurrency: usize,
    pub max_redirects: u32,
}

impl Default for OnlineOptions {
    fn default() -> Self {
        OnlineOptions {
            timeout: Duration::from_secs(20),
            concurrency: 8,
            max_redirects: 10,
        }
    }
}
