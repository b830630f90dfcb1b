//! What every chunk's text says: what the draft reads, nothing else.

mod common;

use common::*;
use negotext::model::Chunk;
use regex::Regex;

fn chunk<'a>(chunks: &'a [Chunk], label: &str) -> &'a Chunk {
    chunks
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("no chunk {label}"))
}

#[test]
fn no_text_carries_markup_footnotes_page_debris_or_extraction_breaks() {
    let superscript = Regex::new(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]").unwrap();
    let glued_marker = Regex::new(r"\b[A-Za-z]{3,}\d{1,2}\b|[a-z”’)][.,;:”’]+\d{1,2}\b").unwrap();
    let page_number = Regex::new(r"(^|\s)\d{1,2}/\d{1,2}(\s|$)").unwrap();
    let detached_hyphen = Regex::new(r"\w -\w|\w- \w").unwrap();
    let markup = Regex::new(r"\*|~~|\]\(#\)|<https?:|\[text moved").unwrap();
    let mut checked = 0;
    for parsed in parse_all() {
        for c in &parsed.chunks {
            let views = std::iter::once(&c.text)
                .chain(&c.inserted)
                .chain(&c.deleted);
            for view in views {
                let at = format!("{} {} in {view:?}", parsed.file, c.label);
                assert!(!markup.is_match(view), "markup: {at}");
                assert!(!superscript.is_match(view), "superscript digit: {at}");
                assert!(!page_number.is_match(view), "page number: {at}");
                assert!(!detached_hyphen.is_match(view), "detached hyphen: {at}");
                assert!(!view.contains("  "), "double space: {at}");
                for broken in ["substan tive", "cou nter", "surface ,"] {
                    assert!(!view.contains(broken), "extraction break {broken:?}: {at}");
                }
            }
            let at = format!("{} {}: {:?}", parsed.file, c.label, c.text);
            assert!(
                !glued_marker.is_match(&c.text),
                "glued footnote marker: {at}"
            );
            for footnote in &c.footnotes {
                assert!(
                    footnote.body.len() < 12 || !c.text.contains(&footnote.body),
                    "footnote body in text: {at}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 299);
}

#[test]
fn footnote_bodies_never_become_chunks_and_are_attached_to_their_markers() {
    for parsed in parse_all() {
        for c in &parsed.chunks {
            assert!(
                !c.text.starts_with("Report of the 2021"),
                "{} {} is a footnote body",
                parsed.file,
                c.label
            );
        }
    }
    let crp1 = parse_shipped(CRP1);
    let numbers = |label: &str| -> Vec<u32> {
        chunk(&crp1.chunks, label)
            .footnotes
            .iter()
            .map(|f| f.number)
            .collect()
    };
    // Every CRP.1 footnote marker, 1 to 28, is found once, in order.
    let all: Vec<u32> = crp1
        .chunks
        .iter()
        .flat_map(|c| c.footnotes.iter().map(|f| f.number))
        .collect();
    assert_eq!(all, (1..=28).collect::<Vec<_>>());
    assert_eq!(numbers("2"), [2, 3, 4, 5]);
    assert_eq!(numbers("14(c)(ii)"), [15]);
    assert_eq!(numbers("15(b)(i)"), [20]);
    let body = &chunk(&crp1.chunks, "14(c)").footnotes[0];
    assert_eq!(
        body.body,
        "Report of the 2021 GGE, A/76/135, para 57, consensus GA resolution 76/19"
    );
    // The Zero Draft's superscripts, 1 to 11, and the programme's own footnote 1.
    let zd = parse_shipped(ZERO_DRAFT);
    let draft: Vec<u32> = zd
        .chunks
        .iter()
        .filter(|c| c.doc.ends_with("/draft"))
        .flat_map(|c| c.footnotes.iter().map(|f| f.number))
        .collect();
    assert_eq!(draft, (1..=11).collect::<Vec<_>>());
    let four_e: Vec<u32> = chunk(&zd.chunks, "4(e)")
        .footnotes
        .iter()
        .map(|f| f.number)
        .collect();
    assert_eq!(four_e, [7, 8]);
    assert_eq!(
        chunk(&zd.chunks, "pow.title").footnotes[0].body,
        "To be issued as document A/AC.292/2022/2"
    );
}

#[test]
fn rev1_reads_as_revised_with_its_marked_changes_apart() {
    let rev1 = parse_shipped(REV1);
    let ten_a = chunk(&rev1.chunks, "10(a)");
    assert!(
        ten_a
            .text
            .contains("global, inter-governmental, points of contact directory")
    );
    let nine_a = chunk(&rev1.chunks, "9(a)");
    assert!(!nine_a.text.contains("Red Cross"));
    assert!(
        nine_a
            .deleted
            .iter()
            .any(|d| d.contains("International Committee of the Red Cross"))
    );
    assert!(
        nine_a
            .inserted
            .iter()
            .any(|i| i.starts_with("Noting that the development of common understandings"))
    );
    let seven_b = chunk(&rev1.chunks, "7(b)");
    assert!(seven_b.text.starts_with("Bearing in mind the interrelated"));
    assert!(
        seven_b
            .text
            .contains("States proposed technical and cooperative measures")
    );
    assert_eq!(seven_b.deleted, ["Technical"]);
    // Items struck out whole: no current text, only deleted text.
    let struck = chunk(&rev1.chunks, "7(b)(vi)-deleted");
    assert_eq!(struck.text, "");
    assert_eq!(
        struck.deleted,
        [
            "Sharing of risk assessments and technical information between States including threat intelligence and compendiums;"
        ]
    );
    assert!(struck.moved);
    let f4 = chunk(&rev1.chunks, "next-steps-F.4-deleted");
    assert_eq!(f4.text, "");
    assert_eq!(f4.deleted.len(), 2);
    assert!(f4.moved);
    // "[text moved above]" notes belong to no view.
    let seven_c = chunk(&rev1.chunks, "7(c)");
    assert!(
        seven_c
            .text
            .starts_with("States proposed that there is value in regional")
    );
    assert!(seven_c.deleted.iter().all(|d| !d.contains("moved")));
    // Continuations across footnote blocks and blank lines are rejoined.
    assert!(
        chunk(&rev1.chunks, "6")
            .text
            .ends_with("pursuant to the OEWG mandate in resolution 75/240.")
    );
    assert!(
        chunk(&rev1.chunks, "12(a)")
            .text
            .contains("Furthermore, each OEWG session should build")
    );
    // A footnote marker inside deleted text is not the live text's.
    assert!(
        chunk(&rev1.chunks, "12(b)")
            .footnotes
            .iter()
            .all(|f| f.number != 17)
    );
}

#[test]
fn zero_draft_bold_is_emphasis_and_its_page_break_marker_is_merged() {
    let zd = parse_shipped(ZERO_DRAFT);
    assert!(
        zd.chunks
            .iter()
            .all(|c| c.inserted.is_empty() && c.deleted.is_empty())
    );
    let eight_b = chunk(&zd.chunks, "8(b)");
    assert!(eight_b.text.contains(
        "support capacity-building for implementing the framework of responsible State behaviour"
    ));
    assert!(zd.chunks.iter().all(|c| c.label != "8(c)"));
    assert!(
        chunk(&zd.chunks, "next-steps-B.2")
            .text
            .contains("exchange technical information relating to existing")
    );
    assert!(
        chunk(&zd.chunks, "letter.3")
            .text
            .contains("enclose a Zero Draft of the")
    );
    assert!(
        chunk(&zd.chunks, "pow.mon")
            .text
            .contains("General Assembly resolution 75/240 (continued)")
    );
    assert!(
        chunk(&zd.chunks, "invitation")
            .text
            .contains("Chair of the OEWG and Permanent Representative")
    );
    assert!(
        chunk(&zd.chunks, "invitation")
            .text
            .ends_with("RSVP at https://bit.ly/oewg25july")
    );
    assert!(
        chunk(&zd.chunks, "gq.2.1")
            .text
            .ends_with("can stakeholder holders contribute to their implementation?")
    );
}

#[test]
fn crp1_is_rejoined_across_lines_pages_and_footnotes_and_repaired() {
    let crp1 = parse_shipped(CRP1);
    assert!(chunk(&crp1.chunks, "16(a)").text.contains(
        "inter-governmental, points of contact directory on security in the use of ICTs"
    ));
    assert!(
        chunk(&crp1.chunks, "2")
            .text
            .contains("consolidate a cumulative and evolving framework for")
    );
    assert!(
        chunk(&crp1.chunks, "1")
            .text
            .contains("(ICTs) 2021-2025 took place")
    );
    assert!(
        chunk(&crp1.chunks, "3")
            .text
            .contains("as well as confidence-building measures")
    );
    assert!(
        chunk(&crp1.chunks, "7")
            .text
            .contains("that substantive discussions")
    );
    assert!(
        chunk(&crp1.chunks, "9")
            .text
            .contains("Some non-State actors")
    );
    assert!(
        chunk(&crp1.chunks, "11")
            .text
            .contains("their ever-evolving properties")
    );
    assert!(
        chunk(&crp1.chunks, "11")
            .text
            .contains("the attack surface, creating")
    );
    assert!(
        chunk(&crp1.chunks, "13")
            .text
            .contains("prevent and counter such threats")
    );
    assert!(chunk(&crp1.chunks, "14(a)").text.ends_with("GGE reports, as well as consider sharing national definitions on technical ICT terms to promote mutual understanding."));
    assert!(
        chunk(&crp1.chunks, "17(c)")
            .text
            .contains("so as to work towards ensuring that all States")
    );
    assert!(
        chunk(&crp1.chunks, "17(g)")
            .text
            .contains("concrete, action-oriented approach to capacity-building. States")
    );
    assert!(
        chunk(&crp1.chunks, "next-steps-C.3")
            .text
            .contains("the report of the Secretary-General on")
    );
    assert!(chunk(&crp1.chunks, "next-steps-B.2").text.ends_with(
        "identified in paragraphs 8 to 13 at the fourth and fifth sessions of the OEWG."
    ));
    // "security 2 and" lost its marker, not its words.
    assert!(chunk(&crp1.chunks, "2").text.contains("international security and the consensus reports of the 2010, 2013, 2015, and 2021 GGEs. States"));
    assert!(
        chunk(&crp1.chunks, "letter.2")
            .text
            .ends_with("in the attached document, A/AC.292/2022/CRP.1.")
    );
}

#[test]
fn letters_and_annexes_of_the_pdf_letter() {
    let march = parse_shipped(MARCH_LETTER);
    assert!(
        chunk(&march.chunks, "letter.q2")
            .text
            .starts_with("What mechanisms could help")
    );
    assert!(
        chunk(&march.chunks, "letter.4")
            .text
            .contains("I kindly request that speakers")
    );
    assert_eq!(
        chunk(&march.chunks, "annex.title").text,
        "ANNEX REGISTRATION DETAILS"
    );
    assert!(
        chunk(&march.chunks, "annex.3")
            .text
            .starts_with("Additional Information More information on the OEWG")
    );
}
