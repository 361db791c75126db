//! A source figure's rarer parts — the time it is about, and its stated
//! numbers past the two kept inline — interned once per process: figures
//! about the same time ("in December 2015", "now") share one, so a time
//! costs a source figure a pointer, not an allocation of its own. A time
//! keeps its cues, all that judging reads; where they stand in the source is
//! not kept (its span is empty).

use crate::figures::TimeRef;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Every `Parts` interned, by its encoding. Append-only, like the term and
/// unit interners: distinct times are few.
static EXTRAS: LazyLock<Mutex<HashMap<Vec<u8>, Arc<Parts>>>> = LazyLock::new(Mutex::default);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Parts {
    time: Option<TimeRef>,
    /// Every stated number, when there are more than fit inline (else empty).
    stated: Box<[f64]>,
}

/// Interned rare parts. Serde: as the parts (interned again when read).
#[derive(Clone, Debug, PartialEq)]
pub struct Extra(Arc<Parts>);

impl Extra {
    /// The shared parts for `time` (its span dropped) and `stated` (numbers
    /// that do not fit inline, or none); `None` when there are neither.
    pub fn intern(time: Option<TimeRef>, stated: Vec<f64>) -> Option<Extra> {
        if time.is_none() && stated.is_empty() {
            return None;
        }
        let time = time.map(|t| TimeRef { span: 0..0, cues: t.cues });
        Some(Extra::of(Parts { time, stated: stated.into_boxed_slice() }))
    }

    fn of(mut parts: Parts) -> Extra {
        let Ok(key) = postcard::to_allocvec(&parts) else { return Extra(Arc::new(parts)) };
        let mut extras = EXTRAS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Extra(
            extras
                .entry(key)
                .or_insert_with(|| {
                    if let Some(t) = &mut parts.time {
                        t.cues.shrink_to_fit();
                    }
                    Arc::new(parts)
                })
                .clone(),
        )
    }

    /// The time, its span empty.
    pub fn time(&self) -> Option<&TimeRef> {
        self.0.time.as_ref()
    }

    /// The stated numbers kept here (empty when they are inline).
    pub fn stated(&self) -> &[f64] {
        &self.0.stated
    }

    /// How many distinct parts this process has interned (for memory profiles).
    pub fn interned() -> usize {
        EXTRAS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Extra, D::Error> {
        Parts::deserialize(d).map(Extra::of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::time::Cue;
    use crate::figures::Period;

    fn time(span: std::ops::Range<usize>, cues: Vec<Cue>) -> Option<TimeRef> {
        Some(TimeRef { span, cues })
    }

    #[test]
    fn figures_about_the_same_time_share_one_extra() {
        let last_quarter = || vec![Cue::Last(Period::Quarter), Cue::Earlier];
        let a = Extra::intern(time(10..22, last_quarter()), Vec::new());
        let b = Extra::intern(time(300..312, last_quarter()), Vec::new());
        let (Some(a), Some(b)) = (a, b) else { panic!("a time is kept") };
        assert!(Arc::ptr_eq(&a.0, &b.0), "one allocation for both");
        assert_eq!(a.time(), Some(&TimeRef { span: 0..0, cues: last_quarter() }));
        assert_eq!(a.stated(), [0.0; 0]);
        let other = Extra::intern(time(10..22, vec![Cue::Last(Period::Quarter)]), Vec::new());
        assert!(other.is_some_and(|o| !Arc::ptr_eq(&o.0, &a.0)));
        assert_eq!(Extra::intern(None, Vec::new()), None);
    }

    #[test]
    fn an_extra_is_interned_again_when_decoded() {
        let a = Extra::intern(time(5..9, vec![Cue::Ago { months: 18.5 }]), vec![1.0, 2.0, 3.0]);
        let bytes = a.as_ref().map(|a| postcard::to_allocvec(a).unwrap_or_default()).unwrap_or_default();
        let b = postcard::from_bytes::<Extra>(&bytes).ok();
        let (Some(a), Some(b)) = (a, b) else { panic!("encoded and decoded") };
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(b.stated(), [1.0, 2.0, 3.0]);
    }
}
