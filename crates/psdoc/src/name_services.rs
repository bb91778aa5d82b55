//! Host and user names in the static Linux release.
//!
//! The Linux release is linked against a static glibc (`.ci/build-release`).
//! Its `files` and `dns` name services are built in; any other service that
//! `/etc/nsswitch.conf` lists (`mdns4_minimal`, `resolve`, `myhostname`,
//! `sss`) it would load at run time from the machine's shared glibc, a
//! different version from the one linked in, which can fail or crash in the
//! middle of a lookup. So before a command that may look a name up (the GitHub
//! API, an evidence link, a home folder), psdoc tells glibc to use the built-in
//! services only: `/etc/hosts`, then the DNS servers of `/etc/resolv.conf`
//! (on machines with systemd-resolved, its local stub), as a static Go or musl
//! program does. Builds linked dynamically keep the machine's configuration.

/// Limits glibc's name lookups to its built-in services, when it is linked
/// statically; does nothing otherwise. Called once, by `main`.
pub fn use_built_in_only() {
    #[cfg(all(target_os = "linux", target_env = "gnu", target_feature = "crt-static"))]
    configure();
}

#[cfg(all(target_os = "linux", target_env = "gnu", target_feature = "crt-static"))]
#[allow(unsafe_code)]
fn configure() {
    use std::ffi::{c_char, c_int};
    unsafe extern "C" {
        /// glibc's (`<nss.h>`): sets the services of one database, instead of
        /// what `/etc/nsswitch.conf` says, for this process.
        fn __nss_configure_lookup(database: *const c_char, services: *const c_char) -> c_int;
    }
    for (database, services) in [
        (c"hosts", c"files dns"),
        (c"passwd", c"files"),
        (c"group", c"files"),
    ] {
        // SAFETY: both arguments are NUL-terminated strings that live for the
        // whole program; it is called once, before any thread of psdoc's own
        // looks a name up. Should it fail (-1), nsswitch.conf applies, as in
        // any dynamically linked program.
        unsafe {
            __nss_configure_lookup(database.as_ptr(), services.as_ptr());
        }
    }
}
