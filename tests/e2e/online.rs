//! `psdoc check --online` against a web server on 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::support::*;

/// Serves: /ok 200, /missing 404, /nohead 405 to HEAD and 200 to GET,
/// /moved 301 to /ok. Stops after `requests` requests.
fn serve(requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or("");
            let path = parts.next().unwrap_or("");
            let (status, extra) = match (method, path) {
                (_, "/ok") => ("200 OK", String::new()),
                ("HEAD", "/nohead") => ("405 Method Not Allowed", String::new()),
                ("GET", "/nohead") => ("200 OK", String::new()),
                (_, "/moved") => (
                    "301 Moved Permanently",
                    format!("Location: http://{addr}/ok\r\n"),
                ),
                _ => ("404 Not Found", String::new()),
            };
            let body = if method == "HEAD" { "" } else { "document" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                8
            );
        }
    });
    format!("http://{addr}")
}

/// The example statement with a log of one document per path under `base`
/// (numbered from 1, in order), all of them cited.
fn linking_to(base: &str, paths: &[&str]) -> Repo {
    let mut log = String::new();
    for (k, path) in paths.iter().enumerate() {
        let id = k + 1;
        log.push_str(&format!("[[document]]\nid = {id}\ntitle = \"Doc {id}\"\nurl = \"{base}/{path}\"\ndate = 2025-12-01\n\n"));
    }
    Repo::passing().file("evidence/log.toml", &log).edit(
        "book/src/covid.md",
        "register [E1]",
        &format!("register [E1-E{}]", paths.len()),
    )
}

/// The `broken-evidence-link` findings of `check --online`.
fn broken_links(repo: &Repo) -> Vec<serde_json::Value> {
    repo.findings_with(&["--online"], "broken-evidence-link")
}

#[test]
fn online_finds_dead_links_only() {
    let repo = linking_to(&serve(100), &["ok", "missing", "nohead", "moved"]);
    // Without --online nothing is asked.
    assert!(repo.findings("broken-evidence-link").is_empty());
    let broken = broken_links(&repo);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(
        broken[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("document 2's link answers 404")
    );
    assert_eq!(broken[0]["line"], 10, "points at the url");
}

/// Links by host name are looked up: in the static Linux release with glibc's
/// built-in services only (crates/psdoc/src/name_services.rs), `/etc/hosts`
/// for `localhost`.
#[test]
fn online_looks_host_names_up() {
    let base = serve(100).replace("127.0.0.1", "localhost");
    let broken = broken_links(&linking_to(&base, &["ok", "missing"]));
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(
        broken[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("document 2's link answers 404"),
        "{broken:?}"
    );
}

#[test]
fn online_unreachable_host() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let repo = Repo::passing().file(
        "evidence/log.toml",
        &format!("[[document]]\nid = 1\ntitle = \"Doc\"\nurl = \"http://127.0.0.1:{port}/gone\"\ndate = 2025-12-01\n"),
    );
    let run = repo.run(&["check", "--online", "--timeout", "5", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let msg = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "broken-evidence-link")
        .unwrap()["message"]
        .clone();
    assert!(msg.as_str().unwrap().contains("does not answer"), "{msg}");
}
