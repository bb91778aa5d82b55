//! The HTTP client of `psdoc check --online` (ureq): HEAD, then GET where
//! HEAD is refused, a few links at a time.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{LinkStatus, OnlineOptions};

/// Checks each distinct URL once (HEAD, then GET where HEAD is refused),
/// several at a time. Returns the statuses in the order of `urls`.
pub fn check_links(urls: &[String], options: &OnlineOptions) -> Vec<LinkStatus> {
    let mut distinct: Vec<&str> = urls.iter().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!(
            "psdoc/",
            env!("CARGO_PKG_VERSION"),
            " (evidence link check)"
        ))
        .build()
        .into();
    let results: Mutex<Vec<Option<LinkStatus>>> = Mutex::new(vec![None; distinct.len()]);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, 32).min(distinct.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = distinct.get(i) else { break };
                    let status = probe(&agent, url);
                    results.lock().expect("no panics while locked")[i] = Some(status);
                }
            });
        }
    });
    let results = results.into_inner().expect("no panics while locked");
    urls.iter()
        .map(|u| {
            let i = distinct
                .binary_search(&u.as_str())
                .expect("every url is in distinct");
            results[i]
                .clone()
                .unwrap_or_else(|| LinkStatus::Failed("not checked".into()))
        })
        .collect()
}

fn probe(agent: &ureq::Agent, url: &str) -> LinkStatus {
    match agent.head(url).call() {
        Ok(r) if r.status().is_success() => LinkStatus::Ok(r.status().as_u16()),
        // Some servers refuse HEAD (405, 501) or answer it wrongly: ask again with GET.
        Ok(_) | Err(_) => match agent.get(url).call() {
            Ok(r) if r.status().is_success() => LinkStatus::Ok(r.status().as_u16()),
            Ok(r) => LinkStatus::Status(r.status().as_u16()),
            Err(e) => LinkStatus::Failed(describe(&e)),
        },
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer before the time-out".into(),
        ureq::Error::HostNotFound => "the web site's name is not known (DNS)".into(),
        ureq::Error::TooManyRedirects => "too many redirects".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "the connection was refused".into()
        }
        other => other.to_string(),
    }
}
