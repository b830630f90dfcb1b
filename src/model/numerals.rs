//! How items are numbered in print: roman numerals and letters, written
//! the one way every reader and grammar of negotext writes them.

/// The ordinals a report is counted by, in words: `ORDINALS[0]` is
/// `first` (the first annual progress report is `apr1`).
pub const ORDINALS: [&str; 10] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// `n` as a lower-case roman numeral (`4` → `iv`); empty for 0.
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let written: Vec<String> = [1, 4, 9, 14, 40, 90, 400, 1994, 3999]
            .into_iter()
            .map(to_roman)
            .collect();
        assert_eq!(
            written,
            [
                "i",
                "iv",
                "ix",
                "xiv",
                "xl",
                "xc",
                "cd",
                "mcmxciv",
                "mmmcmxcix"
            ]
        );
        assert_eq!(to_roman(0), "");
    }
}
