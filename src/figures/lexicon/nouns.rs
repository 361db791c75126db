//! Counted nouns: irregular plurals, words that look plural but are not,
//! units of measure.

/// Plural nouns that do not end in "s".
pub fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "troops"
            | "cattle"
            | "sheep"
            | "fish"
            | "deer"
            | "livestock"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "crew"
            | "aircraft"
            | "offspring"
            | "youth"
            | "clergy"
            | "militia"
            | "data"
            | "media"
            | "criteria"
            | "phenomena"
            | "bacteria"
            | "alumni"
            | "folk"
            | "poultry"
            | "swine"
            | "infantry"
            | "cavalry"
    )
}

/// Words ending in "s" that are not plural nouns.
pub fn is_false_plural(w: &str) -> bool {
    w.ends_with("ss")
        || w.ends_with("us")
        || w.ends_with("sis")
        || w.ends_with("xis")
        || w.ends_with("itis")
        || w.ends_with("'s")
        || w.ends_with("’s")
        || matches!(
            w,
            "news"
                | "has"
                | "was"
                | "is"
                | "its"
                | "this"
                | "thus"
                | "as"
                | "us"
                | "yes"
                | "whereas"
                | "perhaps"
                | "always"
                | "sometimes"
                | "afterwards"
                | "towards"
                | "besides"
                | "across"
                | "plus"
                | "less"
                | "unless"
                | "various"
                | "previous"
                | "serious"
                | "numerous"
                | "famous"
                | "overseas"
                | "whereabouts"
                | "gas"
                | "bus"
                | "lens"
                | "atlas"
                | "chaos"
                | "ethos"
                | "pathos"
                | "texas"
                | "kansas"
                | "paris"
                | "brussels"
                | "athens"
                | "wales"
        )
}

/// One person, named by kin, age or role: the nouns an age follows in
/// apposition ("her granddaughter, 20, thinks", "the boy, 15, was charged").
pub fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "boy"
            | "girl"
            | "man"
            | "woman"
            | "son"
            | "daughter"
            | "mother"
            | "father"
            | "mum"
            | "dad"
            | "wife"
            | "husband"
            | "brother"
            | "sister"
            | "grandson"
            | "granddaughter"
            | "grandmother"
            | "grandfather"
            | "nephew"
            | "niece"
            | "uncle"
            | "aunt"
            | "cousin"
            | "teenager"
            | "toddler"
            | "schoolboy"
            | "schoolgirl"
            | "pupil"
            | "student"
            | "pensioner"
            | "widow"
            | "widower"
            | "girlfriend"
            | "boyfriend"
            | "fiance"
            | "fiancee"
            | "partner"
            | "friend"
            | "neighbour"
            | "neighbor"
            | "victim"
            | "suspect"
            | "driver"
            | "passenger"
    )
}

/// Does a counted noun, as a subject term (stemmed, synonyms merged:
/// "militants" is "fighter", "residents" "peopl"), count people?
pub fn counts_people(term: &str) -> bool {
    is_person_noun(term)
        || matches!(
            term,
            "peopl"
                | "person"
                | "member"
                | "terrorist"
                | "fighter"
                | "soldier"
                | "officer"
                | "worker"
                | "citizen"
                | "civilian"
                | "player"
                | "child"
                | "adult"
                | "men"
                | "women"
                | "patient"
                | "prisoner"
                | "refugee"
                | "migrant"
                | "voter"
                | "teacher"
                | "doctor"
                | "nurs"
                | "guard"
                | "blogger"
                | "speaker"
                | "accus"
                | "gunmen"
                | "gunman"
                | "rebel"
                | "survivor"
                | "casualty"
                | "death"
        )
}

/// What a bare count counts when its clause names it before the count
/// ("the death toll had reached 11": people), as the unit it takes.
pub fn measure_named_before(w: &str) -> Option<&'static str> {
    match w {
        "toll" | "tolls" => Some("people"),
        _ => None,
    }
}

/// Measurement units written after a number (singular-looking but counted).
pub fn is_measure_unit(w: &str) -> bool {
    matches!(
        w,
        "km" | "kilometre"
            | "kilometer"
            | "kilometres"
            | "kilometers"
            | "mile"
            | "miles"
            | "m"
            | "metre"
            | "meter"
            | "metres"
            | "meters"
            | "cm"
            | "mm"
            | "ft"
            | "foot"
            | "feet"
            | "inch"
            | "inches"
            | "kg"
            | "kilogram"
            | "kilograms"
            | "kilo"
            | "kilos"
            | "g"
            | "gram"
            | "grams"
            | "tonne"
            | "tonnes"
            | "ton"
            | "tons"
            | "lb"
            | "lbs"
            | "mph"
            | "kph"
            | "km/h"
            | "degrees"
            | "degree"
            | "c"
            | "f"
            | "mw"
            | "gw"
            | "kw"
            | "kwh"
            | "mwh"
            | "gwh"
            | "twh"
            | "acres"
            | "acre"
            | "hectares"
            | "hectare"
            | "sq"
            | "litres"
            | "liters"
            | "litre"
            | "liter"
            | "gallons"
            | "gallon"
            | "barrels"
            | "barrel"
            | "bpd"
            | "mt"
            | "mtoe"
            | "mbps"
            | "gb"
            | "tb"
    )
}
