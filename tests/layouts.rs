//! Layouts are recognised by what the text says, not by one extractor's
//! whitespace: the shipped drafts, re-shaped as other tools shape them, are
//! cut into the same chunks. The re-shaping is written here, so the variants
//! cannot drift from the shipped files.

mod common;

use common::*;
use negotext::corpus::Manifest;
use negotext::parse::{self, ParsedFile};

/// Every chunk as label and whitespace-normalised text.
fn chunks(parsed: &ParsedFile) -> Vec<(String, String)> {
    parsed
        .chunks
        .iter()
        .map(|c| {
            let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
            (c.label.clone(), text)
        })
        .collect()
}

/// Asserts that the variant is cut as the shipped file, naming the first
/// chunk that differs.
fn assert_same_chunks(variant: &ParsedFile, shipped: &ParsedFile) {
    let (ours, theirs) = (chunks(variant), chunks(shipped));
    let first = ours.iter().zip(&theirs).position(|(a, b)| a != b);
    if let Some(i) = first {
        panic!(
            "chunk {i} differs:\n  variant {:?}\n  shipped {:?}",
            ours[i], theirs[i]
        );
    }
    assert_eq!(ours.len(), theirs.len(), "{:?}", ours.last());
}

fn warnings(parsed: &ParsedFile) -> Vec<String> {
    parsed.warnings.iter().map(|w| w.message.clone()).collect()
}

/// Parses `text` as if it were the shipped file `name` (its manifest entry
/// applies).
fn parse_as(name: &str, text: &str) -> ParsedFile {
    let manifest = Manifest::load(&corpus_dir()).unwrap();
    parse::parse_text(name, text, &manifest)
}

fn shipped_text(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).unwrap()
}

/// What plain `pdftotext` gives: no trailing spaces, and the lines holding
/// only spaces (the shipped extractor's paragraph marks) empty.
fn plain_pdftotext(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every line longer than `width` columns broken at word boundaries, as an
/// e-mail client does: the first piece keeps the line's indentation, the
/// others start at the margin.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.chars().count() <= width {
            out.push(line.to_string());
            continue;
        }
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut current = indent;
        for word in line.split_whitespace() {
            let fits = current.chars().count() + 1 + word.chars().count() <= width;
            if current.trim().is_empty() {
                current.push_str(word);
            } else if fits {
                current.push(' ');
                current.push_str(word);
            } else {
                out.push(std::mem::take(&mut current));
                current.push_str(word);
            }
        }
        out.push(current);
    }
    out.join("\n")
}

#[test]
fn the_transforms_do_what_they_say() {
    assert_eq!(plain_pdftotext("a  \n \n\nb "), "a\n\n\nb");
    let wrapped = hard_wrap(&format!(" - {}", "word ".repeat(40)), 72);
    assert!(wrapped.lines().count() > 2);
    assert!(wrapped.lines().all(|l| l.chars().count() <= 72));
    assert!(wrapped.starts_with(" - word") && wrapped.contains("\nword"));
    assert_eq!(hard_wrap("short\n\nlines", 72), "short\n\nlines");
}

#[test]
fn crp1_as_plain_pdftotext_is_cut_as_shipped() {
    let shipped = parse_shipped(CRP1);
    let text = plain_pdftotext(&shipped_text(CRP1));
    assert!(!text.lines().any(|l| l.ends_with(' ')));
    let variant = parse_as(CRP1, &text);
    assert_same_chunks(&variant, &shipped);
    assert_eq!(warnings(&variant), warnings(&shipped));
}

#[test]
fn zero_draft_wrapped_at_72_columns_is_cut_as_shipped() {
    let shipped = parse_shipped(ZERO_DRAFT);
    let text = hard_wrap(&shipped_text(ZERO_DRAFT), 72);
    assert!(text.lines().filter(|l| l.chars().count() > 72).count() < 3);
    let variant = parse_as(ZERO_DRAFT, &text);
    assert_same_chunks(&variant, &shipped);
    assert_eq!(warnings(&variant), warnings(&shipped));
}

#[test]
fn the_shipped_files_need_no_layout_warning() {
    for parsed in parse_all() {
        assert!(
            !warnings(&parsed).iter().any(|w| w.contains("layout")),
            "{}: {:?}",
            parsed.file,
            parsed.warnings
        );
    }
}

/// Wrapped lines with nothing that says how they were made (no page
/// furniture, no markup, no extractor's marks): read as wrapped text, with
/// one warning saying so.
#[test]
fn an_unidentified_layout_is_read_with_one_warning() {
    let text = "The Group met in New York and discussed the many proposals that\n\
                delegations had made on the matters before it during the session\n\
                and agreed to continue its work on the basis of the proposals it\n\
                had received from the delegations, the regional groups and other\n\
                participants in the meetings of the Group held during the year.\n\
                \n\
                It decided that its next meeting would take place in Geneva in the\n\
                spring, and asked the secretariat to prepare the documents needed\n\
                for that meeting, in consultation with the delegations concerned.\n";
    let parsed = parse_as("wrapped-note.txt", text);
    let layout: Vec<String> = warnings(&parsed)
        .into_iter()
        .filter(|w| w.contains("layout"))
        .collect();
    assert_eq!(layout.len(), 1, "{:?}", parsed.warnings);
    assert!(layout.iter().all(|w| w.contains("assumed")), "{layout:?}");
    assert_eq!(parsed.chunks.len(), 2, "{:?}", chunks(&parsed));
}
