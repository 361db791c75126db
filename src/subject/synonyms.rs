//! Synonyms: a general built-in vocabulary, extended by the `synonyms` of
//! sourcecheck.toml. Every member of a group maps to the group's first
//! member's stem. Members are single words: subjects are bags of words, so a
//! multi-word member ("per cent") is left out (extraction already reads
//! "per cent" as percent).

use super::stem::stem;
use std::collections::HashMap;

/// General English groups (first member is the canonical term). Nothing here
/// is about any particular subject.
const BUILT_IN: &[&[&str]] = &[
    &["percent", "pct", "percentage"],
    &["kilometre", "kilometer", "km", "kilometres", "kilometers"],
    &["mile", "miles", "mi"],
    &["kilogram", "kg", "kilo", "kilos"],
    &["tonne", "ton", "tonnes", "tons"],
    &["child", "children", "kid", "kids", "minor", "minors"],
    &["people", "person", "persons", "individual", "individuals", "resident", "residents", "inhabitant", "inhabitants"],
    &["man", "men", "male", "males"],
    &["woman", "women", "female", "females"],
    &["death", "dead", "died", "die", "dies", "killed", "fatalities", "fatality", "deaths", "lives"],
    &["injured", "wounded", "hurt", "injuries", "injury"],
    &["fighter", "militant", "combatant", "insurgent", "guerrilla", "fighters", "militants", "combatants"],
    &["soldier", "troop", "troops", "servicemen", "servicemembers"],
    &["country", "nation", "countries", "nations"],
    &["city", "cities", "town", "towns"],
    &["home", "house", "homes", "houses", "dwelling", "dwellings", "household", "households"],
    &["car", "vehicle", "cars", "vehicles", "automobile"],
    &["doctor", "physician", "doctors", "physicians"],
    &["job", "jobs"],
    &["unemployed", "unemployment", "jobless", "joblessness"],
    &["worker", "employee", "workers", "employees", "staff"],
    &["position", "positions", "post", "posts", "vacancy", "vacancies"],
    &["posting", "postings", "listing", "listings", "advert", "adverts", "advertisement", "advertisements"],
    &["price", "cost", "prices", "costs"],
    &["buy", "purchase", "bought", "purchased"],
    &["begin", "start", "began", "started", "beginning"],
    &["leave", "depart", "left", "departed"],
    &["flee", "escape", "fled", "escaped", "fleeing", "escaping"],
    &["enter", "arrive", "entered", "arrived", "arrival", "arrivals"],
    &["increase", "rise", "grow", "rose", "grew", "increased", "risen", "growth"],
    &["decrease", "decline", "fall", "drop", "fell", "dropped", "declined", "decreased", "fallen"],
    &["remain", "remaining", "remained"],
    &["join", "joined", "joining", "enlist", "enlisted"],
    &["recruit", "recruits", "recruitment", "recruited", "recruiting"],
    &["travel", "travelled", "traveled", "traveling", "travelling", "traveller", "travellers", "traveler", "travelers"],
    &["territory", "land", "area"],
    &["money", "funds", "funding"],
    &["flow", "inflow", "influx", "stream"],
    &["hospitalised", "hospitalized", "admitted", "hospitalisation", "hospitalization", "admission", "admissions"],
    &["vaccinated", "immunised", "immunized", "vaccination", "immunisation", "immunization"],
    &["student", "pupil", "students", "pupils"],
    &["teacher", "teachers", "educator", "educators"],
    &["refugee", "refugees", "asylees"],
    &["foreign", "foreigner", "foreigners", "overseas"],
    &["game", "match", "games", "matches", "fixture", "fixtures"],
    &["truck", "lorry", "trucks", "lorries", "rig", "rigs"],
    &["ship", "vessel", "boat", "ships", "vessels", "boats"],
    &["plane", "aircraft", "jet", "planes", "jets", "airliner", "airliners"],
    &["company", "firm", "companies", "firms"],
    &["shop", "store", "shops", "stores"],
    &["photo", "photograph", "picture", "image", "photos", "photographs", "pictures", "images"],
    &["film", "movie", "films", "movies"],
    &["baby", "infant", "babies", "infants", "newborn", "newborns"],
    &["teenager", "teen", "teenagers", "teens", "adolescent", "adolescents"],
    &["pensioner", "retiree", "pensioners", "retirees"],
    &["mother", "mum", "mom", "mothers", "mums", "moms"],
    &["father", "dad", "fathers", "dads"],
    &["fan", "supporter", "fans", "supporters", "spectator", "spectators"],
    &["win", "victory", "wins", "victories"],
    &["arrest", "arrested", "arrests", "detained", "detention"],
    &["attack", "assault", "attacks", "assaults"],
];

/// The synonym table in force.
#[derive(Clone, Debug)]
pub struct Synonyms {
    words: HashMap<String, String>,
    /// `fingerprint`, hashed once the table is built.
    hash: u64,
}

impl Default for Synonyms {
    fn default() -> Self {
        Synonyms::with_extra(&[])
    }
}

impl Synonyms {
    /// The built-in table plus `extra` groups (from configuration).
    pub fn with_extra(extra: &[Vec<String>]) -> Synonyms {
        let mut s = Synonyms { words: HashMap::new(), hash: 0 };
        for group in BUILT_IN {
            s.add(group.iter().copied());
        }
        for group in extra {
            s.add(group.iter().map(String::as_str));
        }
        s.hash = s.hash_table();
        s
    }

    fn add<'a>(&mut self, group: impl Iterator<Item = &'a str>) {
        let members: Vec<String> = group.map(|w| w.trim().to_lowercase()).filter(|w| !w.contains(' ')).collect();
        let Some(first) = members.first() else { return };
        let canonical = stem(first);
        for m in &members {
            self.words.insert(stem(m), canonical.clone());
            self.words.insert(m.clone(), canonical.clone());
        }
    }

    /// The canonical term of a stem, if it belongs to a group.
    pub fn canonical(&self, stemmed: &str) -> Option<String> {
        self.words.get(stemmed).cloned()
    }

    /// A hash of the whole table, the same for the same table within one
    /// build (the index cache is only valid for the table it was built with).
    pub fn fingerprint(&self) -> u64 {
        self.hash
    }

    fn hash_table(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut entries: Vec<(&String, &String)> = self.words.iter().collect();
        entries.sort();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        entries.hash(&mut h);
        h.finish()
    }

    /// The canonical term of an unstemmed word.
    pub fn of_word(&self, word: &str) -> Option<String> {
        self.words.get(word).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::Synonyms;

    #[test]
    fn the_built_in_table_folds_the_common_nouns_of_news() {
        let s = Synonyms::default();
        let same = |a: &str, b: &str| s.of_word(a).is_some() && s.of_word(a) == s.of_word(b);
        assert!(same("games", "matches"));
        assert!(same("lorries", "trucks"));
        assert!(same("pictures", "images"));
        assert!(same("teenagers", "teens"));
        // two groups stay two
        assert!(!same("games", "tickets"));
        assert!(!same("mother", "father"));
    }
}
