//! Profiles for the life of the process: a profile read from a file, or
//! adjusted by `partnership.toml`, is kept once and shared, so that every
//! reader (and every revision of a history that uses the same settings)
//! holds the same `&'static Profile`.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use crate::adjust::Adjustments;
use crate::error::ProfileError;
use crate::file::parse_profile;
use crate::profile::{Origin, Profile};

type Cache<K> = LazyLock<Mutex<HashMap<K, &'static Profile>>>;

static FROM_FILES: Cache<(String, String)> = LazyLock::new(Default::default);
static ADJUSTED: Cache<(usize, Adjustments)> = LazyLock::new(Default::default);

/// The profile in the file `path` (root-relative) whose text is `text`.
pub fn from_file(path: &str, text: &str) -> Result<&'static Profile, ProfileError> {
    let key = (path.to_owned(), text.to_owned());
    if let Some(p) = lock(&FROM_FILES).get(&key) {
        return Ok(p);
    }
    let profile = parse_profile(text, path, Origin::File(path.to_owned()))?;
    let leaked: &'static Profile = Box::leak(Box::new(profile));
    Ok(*lock(&FROM_FILES).entry(key).or_insert(leaked))
}

/// `base` with `adjustments` applied (or `base` itself when there are none).
pub fn adjust(base: &'static Profile, adjustments: &Adjustments) -> &'static Profile {
    if adjustments.is_empty() {
        return base;
    }
    let key = (std::ptr::from_ref(base) as usize, adjustments.clone());
    if let Some(p) = lock(&ADJUSTED).get(&key) {
        return p;
    }
    let leaked: &'static Profile = Box::leak(Box::new(base.adjusted(adjustments)));
    lock(&ADJUSTED).entry(key).or_insert(leaked)
}

fn lock<K>(
    cache: &'static Cache<K>,
) -> std::sync::MutexGuard<'static, HashMap<K, &'static Profile>> {
    cache.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::default_profile;
    use crate::file::to_toml;

    #[test]
    fn a_profile_written_out_reads_back_the_same() {
        let text = to_toml(default_profile());
        let back = from_file("guidance.toml", &text).unwrap();
        assert_eq!(to_toml(back), text);
        assert_eq!(back.origin, Origin::File("guidance.toml".into()));
        assert!(std::ptr::eq(
            back,
            from_file("guidance.toml", &text).unwrap()
        ));
    }

    #[test]
    fn no_adjustment_is_the_same_profile() {
        let base = default_profile();
        assert!(std::ptr::eq(adjust(base, &Adjustments::default()), base));
    }
}
