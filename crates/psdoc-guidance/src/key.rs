//! Section keys: the short names (`data`, `quality-assurance`) by which
//! `partnership.toml`, JSON output, diffs and the GitHub comment refer to a
//! section. A profile may add sections, so a key is data, not a fixed list;
//! keys are interned, so that two profiles (two revisions of a statement, say)
//! that both name `data` mean the same section.

use std::fmt;
use std::sync::Mutex;

use serde::{Serialize, Serializer};

/// A section's key. Cheap to copy and compare; ordered as first seen, which
/// puts the default guidance's sections first, in the guidance's order.
#[derive(Clone, Copy)]
pub struct SectionKey {
    id: u32,
    name: &'static str,
}

/// Keys beyond the default guidance's, in the order first seen.
static OTHERS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl SectionKey {
    pub const CONTEXT: SectionKey = SectionKey::builtin(0, "context");
    pub const COVID: SectionKey = SectionKey::builtin(1, "covid");
    pub const DATA: SectionKey = SectionKey::builtin(2, "data");
    pub const INVOLVEMENT: SectionKey = SectionKey::builtin(3, "involvement");
    pub const QUALITY_ASSURANCE: SectionKey = SectionKey::builtin(4, "quality-assurance");
    pub const LEADERSHIP: SectionKey = SectionKey::builtin(5, "leadership");
    pub const ACHIEVEMENTS: SectionKey = SectionKey::builtin(6, "achievements");
    pub const IMPROVEMENT: SectionKey = SectionKey::builtin(7, "improvement");

    /// The default guidance's keys, in its order.
    const BUILTIN: [SectionKey; 8] = [
        SectionKey::CONTEXT,
        SectionKey::COVID,
        SectionKey::DATA,
        SectionKey::INVOLVEMENT,
        SectionKey::QUALITY_ASSURANCE,
        SectionKey::LEADERSHIP,
        SectionKey::ACHIEVEMENTS,
        SectionKey::IMPROVEMENT,
    ];

    const fn builtin(id: u32, name: &'static str) -> SectionKey {
        SectionKey { id, name }
    }

    /// The key named `name`, made once per process. Call it with names a
    /// profile defines (a few dozen at most), not with arbitrary input: an
    /// unknown name is kept for the life of the process.
    pub fn new(name: &str) -> SectionKey {
        if let Some(key) = SectionKey::BUILTIN.iter().find(|k| k.name == name) {
            return *key;
        }
        let mut others = OTHERS.lock().unwrap_or_else(|e| e.into_inner());
        let index = match others.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                others.push(Box::leak(name.to_owned().into_boxed_str()));
                others.len() - 1
            }
        };
        SectionKey {
            id: SectionKey::BUILTIN.len() as u32 + index as u32,
            name: others[index],
        }
    }

    /// The key named `name` if any profile of this process has defined it.
    pub fn existing(name: &str) -> Option<SectionKey> {
        if let Some(key) = SectionKey::BUILTIN.iter().find(|k| k.name == name) {
            return Some(*key);
        }
        let others = OTHERS.lock().unwrap_or_else(|e| e.into_inner());
        others.iter().position(|n| *n == name).map(|i| SectionKey {
            id: SectionKey::BUILTIN.len() as u32 + i as u32,
            name: others[i],
        })
    }

    /// The key as written in `partnership.toml` and JSON.
    pub fn key(self) -> &'static str {
        self.name
    }
}

impl PartialEq for SectionKey {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for SectionKey {}

impl std::hash::Hash for SectionKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl PartialOrd for SectionKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SectionKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id.cmp(&other.id)
    }
}

impl fmt::Display for SectionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Debug for SectionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SectionKey({:?})", self.name)
    }
}

impl Serialize for SectionKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_is_the_same_key() {
        assert_eq!(SectionKey::new("data"), SectionKey::DATA);
        let a = SectionKey::new("local-priorities");
        let b = SectionKey::new("local-priorities");
        assert_eq!(a, b);
        assert_eq!(a.key(), "local-priorities");
        assert_eq!(SectionKey::existing("local-priorities"), Some(a));
        assert!(SectionKey::DATA < a, "the guidance's sections sort first");
    }

    #[test]
    fn builtin_keys_keep_the_guidance_order() {
        assert!(SectionKey::CONTEXT < SectionKey::COVID);
        assert!(SectionKey::ACHIEVEMENTS < SectionKey::IMPROVEMENT);
        assert_eq!(
            serde_json::to_string(&SectionKey::QUALITY_ASSURANCE).unwrap(),
            "\"quality-assurance\""
        );
    }
}
