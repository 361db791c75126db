//! Text built from parts of a file, each part remembering where in the file
//! it stands: a reader pushes the file's own text (copied as it is, so a
//! run's characters are the file's, one for one) and decoded characters
//! (an entity, each standing at the entity's start), and block breaks.

/// A run of the built text: from `at` to the next anchor, the text is the
/// file's from byte `file` on, copied as it is (a decoded entity is a run
/// of its own, at the entity's start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub at: u32,
    pub file: u32,
}

/// The text being built and its anchors.
#[derive(Debug, Default)]
pub struct MappedText {
    text: String,
    anchors: Vec<Anchor>,
    /// Where in the file the last copied run ends, if the text ends with one.
    copied_to: Option<usize>,
}

impl MappedText {
    pub fn new() -> MappedText {
        MappedText::default()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `s`, the file's own text from byte `file` on.
    pub fn copy(&mut self, s: &str, file: usize) {
        if s.is_empty() {
            return;
        }
        if self.copied_to != Some(file) {
            self.anchor(file);
        }
        self.text.push_str(s);
        self.copied_to = Some(file + s.len());
    }

    /// Appends `s`, which stands for the file's bytes at `file` (a decoded
    /// entity, a space for a run of white space).
    pub fn put(&mut self, s: &str, file: usize) {
        if s.is_empty() {
            return;
        }
        self.anchor(file);
        self.text.push_str(s);
        self.copied_to = None;
    }

    /// Ends a block: a blank line, once, and none at the start.
    pub fn block_break(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\t', '\n']).len();
        if trimmed == 0 {
            self.text.clear();
            self.anchors.clear();
        } else {
            self.text.truncate(trimmed);
            self.anchors.retain(|a| (a.at as usize) < trimmed);
            self.text.push_str("\n\n");
        }
        self.copied_to = None;
    }

    /// Does the text end in white space (or is it empty)?
    pub fn ends_in_space(&self) -> bool {
        self.text.ends_with(char::is_whitespace) || self.text.is_empty()
    }

    fn anchor(&mut self, file: usize) {
        let (Ok(at), Ok(file)) = (u32::try_from(self.text.len()), u32::try_from(file)) else { return };
        match self.anchors.last_mut() {
            Some(last) if last.at == at => last.file = file,
            _ => self.anchors.push(Anchor { at, file }),
        }
    }

    /// The text, with its trailing break trimmed, and its anchors.
    pub fn finish(mut self) -> (String, Vec<Anchor>) {
        let end = self.text.trim_end().len();
        self.text.truncate(end);
        self.anchors.retain(|a| (a.at as usize) < end.max(1));
        (self.text, self.anchors)
    }
}

/// The file offset of text offset `at` under `anchors` (sorted by `at`).
pub fn file_offset(anchors: &[Anchor], at: usize) -> Option<usize> {
    let i = anchors.partition_point(|a| a.at as usize <= at).checked_sub(1)?;
    let a = anchors[i];
    Some(a.file as usize + (at - a.at as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_runs_join_and_decoded_characters_stand_at_their_entity() {
        let file = "<p>Fish &amp; chips</p><p>Two</p>";
        let mut m = MappedText::new();
        m.copy("Fish ", 3);
        m.put("&", 8);
        m.copy(" chips", 13);
        m.block_break();
        m.copy("Two", 26);
        m.block_break();
        let (text, anchors) = m.finish();
        assert_eq!(text, "Fish & chips\n\nTwo");
        let back = |needle: &str| file_offset(&anchors, text.find(needle).unwrap());
        assert_eq!(back("chips"), file.find("chips"));
        assert_eq!(back("&"), file.find("&amp;"));
        assert_eq!(back("Two"), file.find("Two"));
        assert_eq!(back("Fish"), Some(3));
    }

    #[test]
    fn a_run_copied_right_after_another_from_the_next_byte_is_one_run() {
        let mut m = MappedText::new();
        m.copy("ab", 10);
        m.copy("cd", 12);
        m.copy("ef", 20);
        assert_eq!(m.finish().1, [Anchor { at: 0, file: 10 }, Anchor { at: 4, file: 20 }]);
    }

    #[test]
    fn breaks_are_never_doubled_nor_leading() {
        let mut m = MappedText::new();
        m.block_break();
        m.copy("  ", 0);
        m.block_break();
        m.copy("One ", 5);
        m.block_break();
        m.block_break();
        m.copy("Two", 20);
        assert_eq!(m.finish().0, "One\n\nTwo");
    }
}
