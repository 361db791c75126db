//! The units of source figures ("fighters", "percent", "USD"), interned once
//! per process: a stored figure holds a `Unit` of four bytes, not a
//! `String`, and equal units share one string. Only sources intern.

use lasso::{Spur, ThreadedRodeo};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::LazyLock;

/// Process-wide, append-only: a unit stays valid for every corpus, cache and thread.
static UNITS: LazyLock<ThreadedRodeo<Spur>> = LazyLock::new(ThreadedRodeo::new);

/// An interned unit. Serde: as its text (ids differ between processes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit(Spur);

impl Unit {
    /// The unit `text`, interning it if new; `None` once the interner is
    /// full (2³² units).
    pub fn intern(text: &str) -> Option<Unit> {
        UNITS.try_get_or_intern(text).ok().map(Unit)
    }

    pub fn text(self) -> &'static str {
        let units: &'static ThreadedRodeo<Spur> = &UNITS;
        // every `Unit` comes from `intern` on this interner, which never forgets
        units.try_resolve(&self.0).unwrap_or("")
    }
}

impl std::fmt::Debug for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.text())
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Unit;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a unit")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Unit, E> {
                Unit::intern(v).ok_or_else(|| E::custom("too many units"))
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_units_share_one_interned_string() {
        let owned = String::from("unit-test-ferries");
        let a = Unit::intern("unit-test-ferries");
        let b = Unit::intern(&owned);
        assert_eq!(a, b);
        assert_eq!(a.map(Unit::text), Some("unit-test-ferries"));
        let (a, b) = (a.map(Unit::text).unwrap_or_default(), b.map(Unit::text).unwrap_or_default());
        assert!(std::ptr::eq(a, b), "one string for both");
        assert_ne!(Unit::intern("unit-test-barges"), Unit::intern("unit-test-ferries"));
        assert_eq!(std::mem::size_of::<Option<Unit>>(), 4);
    }

    #[test]
    fn a_unit_serializes_as_its_text() {
        let unit = Unit::intern("unit-test-tonnes");
        let bytes = postcard::to_allocvec(&unit).unwrap_or_default();
        assert_eq!(bytes, b"\x01\x10unit-test-tonnes", "Some, the length, the text");
        assert_eq!(postcard::from_bytes::<Option<Unit>>(b"\x01\x10unit-test-tonnes").ok(), Some(unit));
    }
}
