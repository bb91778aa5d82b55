//! Two pieces of work at once: opening both revisions of a diff, diffing the
//! words of both halves of the paragraphs. Its own module so that the modules
//! that use it depend on it, not on each other or on the crate's root.

/// Runs `a` on a second thread and `b` on this one, and returns both
/// results; when the system will not start a thread (a process limit), runs
/// `a` here after `b`. A panic in `a` is passed on as a panic.
pub(crate) fn both<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    let slot = std::sync::Mutex::new(Some(a));
    let take = || slot.lock().unwrap_or_else(|p| p.into_inner()).take();
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, || take().map(|a| a()));
        let b = b();
        let a = thread
            .ok()
            .and_then(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .or_else(|| take().map(|a| a()))
            .expect("`a` ran on the thread or runs here");
        (a, b)
    })
}
