//! Phrase searches on real UN documents: for each development document
//! (resolutions, decision, treaty in two languages, report), ten phrases (29 of the 60 crossing
//! a line or page break of the PDF text) find the right file and paragraph
//! first, with all the documents indexed together.

mod common;
mod real;

use common::{index, run, stdout};

/// Per document (stem), phrases and the label of the chunk that holds each.
/// The phrases were picked from the reference chunks: each occurs in one
/// chunk of its document; the comment says whether it crosses a line break
/// of the `.pdftotext.txt` ("break") or sits on one line ("line").
const PHRASES: &[(&str, &[(&str, &str)])] = &[
    (
        "2023-08-01-A-RES-77-321",
        &[
            ("organizations to consider signing and", "5"), // break
            ("and the performance of the", "2"),            // break
            ("to convene the resumed fifth", "PP2"),        // break
            ("assume his functions under the", "PP7"),      // break
            ("the General Assembly take the", "PP5"),       // break
            ("Taking note of the adoption", "PP4"),         // line
            ("provisional agenda of its seventy-eighth", "6"), // line
            ("the adoption of the Agreement", "1"),         // line
            ("2024 in order to strengthen", "3"),           // line
            ("conference drew attention to those", "PP6"),  // line
        ],
    ),
    (
        "2024-04-24-A-RES-78-272",
        &[
            ("of that meeting would be", "PP4"),                     // break
            ("from each regional group and", "11"),                  // break
            ("of capacity-building and technical assistance", "16"), // break
            ("the commission shall only be", "8"),                   // break
            ("Agreement and for the convening", "PP8"),              // break
            ("the Agreement shall be convened", "PP3"),              // line
            ("Decides that attendance at the", "6"),                 // line
            ("decisions relating to the convening", "PP1"),          // line
            ("the importance of the early", "2"),                    // line
            ("requests the President of the", "10"),                 // line
        ],
    ),
    (
        "2024-08-13-decision-78-560",
        &[
            ("intersessional work that may be", "1"),    // break
            ("of the Preparatory Commission from", "1"), // break
            ("the Secretariat to continue to", "1"),     // break
            ("provision for parallel meetings and overtime", "1"), // line
            ("and also requests the Secretary-General", "1"), // break
            ("convene at least one session", "1"),       // line
            ("Agreement was held from 24", "1"),         // line
            ("determined in consultation with the", "1"), // line
            ("to be determined in consultation", "1"),   // line
            ("convene the first and second", "1"),       // line
        ],
    ),
    (
        "2023-06-19-bbnj-agreement-en",
        &[
            ("technology and taking into particular", "art.43(4)"), // break
            ("related agreements with regard to", "art.5(3)"),      // break
            ("respect of the matters governed", "art.67(2)"),       // break
            ("above shall give consideration to", "art.31(1)(a)(v)"), // break
            ("confer with the Parties concerned", "art.59"),        // break
            ("activity and provide written responses", "art.32(6)(b)"), // line
            ("facilitate access to related know-how", "art.51(3)(b)"), // line
            ("Parties to this Agreement under", "art.29(3)"),       // line
            ("Parties and shall cooperate to", "art.42(1)"),        // line
            ("national jurisdiction and with due", "art.11(3)"),    // line
        ],
    ),
    (
        "2023-06-19-bbnj-agreement-fr",
        &[
            ("secteurs ou activités sont gérés", "art.1(1)"), // break
            ("gestion financière régissant son financement", "art.47(4)"), // break
            ("autres fonctions qui peuvent être", "art.49(4)"), // break
            ("ce qui concerne les connaissances", "art.44(1)(b)"), // break
            ("impacts néfastes importants au moment", "art.37(4)(c)"), // break
            ("nationale ne soient accessibles qu’avec", "art.13"), // line
            ("exerce des droits souverains conformément", "art.22(5)"), // line
            ("financement assuré par des sources", "art.52(8)"), // line
            ("n’adopte aucune mesure ni n’accomplit", "art.23(6)"), // line
            ("numérique sur ces ressources font", "art.12(8)"), // line
        ],
    ),
    (
        "2026-04-02-bbnj-prepcom3-report-advance",
        &[
            (
                "cooperation and coordination arrangements and",
                "annex-VII.decision-1.1(c)",
            ), // break
            ("It shall consist of nine", "annex-I.rule.22"), // break
            ("the work cycles of the", "annex-VII.decision-1.1(g)"), // break
            ("and Traditional Knowledge at the", "58"),      // break
            (
                "mechanism to facilitate the participation",
                "annex-V.rule.4.5",
            ), // break
            ("Assistant Secretary at the Department", "4"),  // line
            ("from the fund to attend", "72"),               // line
            ("offset by reduced expenditures during", "annex-V.rule.5.8"), // line
            ("gratitude to Australia for covering", "73"),   // line
            ("limit the time to be", "annex-I.rule.54"),     // line
        ],
    ),
];

#[test]
fn phrases_find_their_paragraph_first() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (stem, _) in PHRASES {
        let name = format!("{stem}.pdftotext.txt");
        std::fs::copy(real::fixtures().join("dev").join(&name), corpus.join(&name)).unwrap();
    }
    let index_dir = dir.path().join("index");
    index(&corpus, &index_dir);
    let mut wrong = Vec::new();
    for (stem, phrases) in PHRASES {
        assert_eq!(phrases.len(), 10, "{stem}");
        for (phrase, label) in *phrases {
            let query = format!("\"{phrase}\"");
            let output = run(
                &["search", &query, "--json", "--limit", "1"],
                &corpus,
                &index_dir,
            );
            let first = stdout(&output)
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .find(|v| v["type"] == "hit");
            let got = first.as_ref().map(|hit| {
                (
                    hit["data"]["file"].as_str().unwrap_or("").to_string(),
                    hit["data"]["label"].as_str().unwrap_or("").to_string(),
                )
            });
            let want = (format!("{stem}.pdftotext.txt"), label.to_string());
            if got.as_ref() != Some(&want) {
                wrong.push(format!("{query}: want {want:?}, got {got:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
