//! A light English suffix stripper (a subset of Porter's rules): enough to
//! fold "fighters"/"fighter", "joining"/"joined"/"joins", "countries"/"country".

/// The stem of a lower-case word.
pub fn stem(w: &str) -> String {
    if w.len() <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    let mut s = w.to_string();
    // plurals and third person
    if let Some(b) = s.strip_suffix("ies") {
        s = format!("{b}y");
    } else if s.ends_with("sses") || s.ends_with("shes") || s.ends_with("ches") || s.ends_with("xes") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.pop();
    }
    // -ing, -ed
    for suf in ["ing", "ed"] {
        if let Some(b) = s.strip_suffix(suf) {
            if b.len() >= 3 && b.chars().any(is_vowel) {
                s = undouble(b);
                if s.ends_with("at") || s.ends_with("iz") || s.ends_with("bl") {
                    s.push('e');
                }
                break;
            }
        }
    }
    // -ly, -ment, -ness
    for suf in ["ly", "ness", "ment"] {
        if let Some(b) = s.strip_suffix(suf) {
            if b.len() >= 4 {
                s = b.to_string();
                break;
            }
        }
    }
    // final e: "remove"/"removing" → "remov"
    if s.len() > 4 && s.ends_with('e') && !s.ends_with("ee") {
        s.pop();
    }
    // British and American doubling: "enrolment"/"enrollment", "instalment"/"installment"
    if s.len() > 4 && s.ends_with("ll") {
        s.pop();
    }
    s
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn undouble(b: &str) -> String {
    let bytes = b.as_bytes();
    let n = bytes.len();
    if n >= 2 && bytes[n - 1] == bytes[n - 2] && !matches!(bytes[n - 1], b'l' | b's' | b'z') {
        b[..n - 1].to_string()
    } else {
        b.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn folds_british_and_american_doubled_l() {
        assert_eq!(stem("enrolments"), stem("enrollment"));
        assert_eq!(stem("instalment"), stem("installments"));
        assert_eq!(stem("enrolled"), stem("enrol"));
    }

    #[test]
    fn folds_inflections() {
        for (a, b) in [
            ("fighters", "fighter"),
            ("joining", "joined"),
            ("joins", "join"),
            ("countries", "country"),
            ("remained", "remains"),
            ("dropped", "drops"),
            ("hospitals", "hospital"),
            ("admitted", "admits"),
            ("estimated", "estimates"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("admitted"), stem("discharged"));
    }
}
