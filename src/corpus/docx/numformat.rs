//! How Word writes a list number: the level's text (`%1.`, `(%2)`) with
//! each counter in its level's format (`decimal`, `lowerLetter`,
//! `upperLetter`, `lowerRoman`, `upperRoman`, `decimalZero`).

use crate::model::numerals::to_roman;

/// `text` with each `%k` replaced by `value(k - 1)`.
pub fn expand(text: &str, value: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('%', Some(digit @ 1..=9)) => {
                chars.next();
                out.push_str(&value(digit as usize - 1));
            }
            _ => out.push(c),
        }
    }
    out
}

/// `value` written in the format `format`.
pub fn formatted(value: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(value),
        "upperLetter" => letters(value).to_uppercase(),
        "lowerRoman" => roman(value),
        "upperRoman" => roman(value).to_uppercase(),
        "decimalZero" if value < 10 => format!("0{value}"),
        _ => value.to_string(),
    }
}

/// Word's letters: a … z, then aa … zz, aaa …
fn letters(value: u32) -> String {
    let value = value.max(1) - 1;
    let letter = char::from(b'a' + u8::try_from(value % 26).unwrap_or(0));
    std::iter::repeat_n(letter, (value / 26 + 1).min(100) as usize).collect()
}

/// A lower-case roman numeral (Word writes 0 and numbers past 3999 in decimal).
fn roman(value: u32) -> String {
    if value == 0 || value > 3999 {
        return value.to_string();
    }
    to_roman(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(formatted(28, "lowerLetter"), "bb");
        assert_eq!(formatted(4, "upperRoman"), "IV");
        assert_eq!(formatted(14, "lowerRoman"), "xiv");
        assert_eq!(formatted(3, "upperLetter"), "C");
        assert_eq!(expand("%1.%2", |i| (i + 1).to_string()), "1.2");
        assert_eq!(expand("100%", |_| String::new()), "100%");
    }
}
