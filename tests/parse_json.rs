//! `negotext parse --json`: JSON Lines, read back with serde.

mod common;

use common::*;
use negotext::model::{Chunk, Document};
use serde_json::Value;

#[test]
fn json_lines_read_back_into_the_model() {
    let path = corpus_dir().join(CRP1);
    let out = negotext(&["parse", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut documents: Vec<Document> = Vec::new();
    let mut chunks: Vec<Chunk> = Vec::new();
    for line in stdout.lines() {
        let message: Value = serde_json::from_str(line).unwrap();
        let object = message.as_object().unwrap();
        assert_eq!(object.len(), 2, "{line}");
        let data = object["data"].clone();
        match object["type"].as_str().unwrap() {
            "document" => documents.push(serde_json::from_value(data).unwrap()),
            "chunk" => {
                // The chunk follows its document.
                assert_eq!(
                    data["doc"],
                    Value::String(documents.last().unwrap().id.clone())
                );
                chunks.push(serde_json::from_value(data).unwrap());
            }
            other => panic!("unexpected message type {other}"),
        }
    }
    let expected = parse_shipped(CRP1);
    assert_eq!(documents, expected.documents);
    assert_eq!(chunks, expected.chunks);
}

#[test]
fn json_fields_are_the_documented_ones() {
    let path = corpus_dir().join(REV1);
    let out = negotext(&["parse", path.to_str().unwrap(), "--json"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys =
        |v: &Value| -> Vec<String> { v["data"].as_object().unwrap().keys().cloned().collect() };
    let document = lines.iter().find(|v| v["type"] == "document").unwrap();
    let mut doc_keys = keys(document);
    doc_keys.sort();
    assert_eq!(
        doc_keys,
        [
            "date", "draft", "file", "format", "id", "kind", "lines", "report", "symbol", "title"
        ]
    );
    let struck = lines
        .iter()
        .find(|v| v["data"]["label"] == "7(b)(vi)-deleted")
        .unwrap();
    let mut chunk_keys = keys(struck);
    chunk_keys.sort();
    assert_eq!(
        chunk_keys,
        [
            "citation",
            "deleted",
            "doc",
            "footnotes",
            "inserted",
            "kind",
            "label",
            "lines",
            "moved",
            "ordinal",
            "pillar",
            "section",
            "text"
        ]
    );
    assert_eq!(struck["data"]["text"], "");
    assert_eq!(struck["data"]["kind"], "paragraph");
    assert_eq!(struck["data"]["pillar"], "threats");
    assert_eq!(struck["data"]["section"]["number"], "B");
    assert_eq!(struck["data"]["lines"]["start"], 78);
    assert_eq!(document["data"]["date"], "2022-07-20");
    assert_eq!(document["data"]["draft"], "rev1");
}

#[test]
fn human_output_shows_every_chunk_with_its_citation() {
    let path = corpus_dir().join(CRP1);
    let out = negotext(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("2022-07-28-crp1.txt: 2 document(s), 74 chunk(s)"),
        "{}",
        &stdout[..200]
    );
    assert!(stdout.contains("[16(a)] paragraph · E. Confidence-Building Measures · cbm · L586-598\n  A/AC.292/2022/CRP.1, para. 16(a)\n"));
}

#[test]
fn a_range_of_days_gives_date_and_date_end_a_stamp_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.txt");
    std::fs::write(
        &session,
        "A/AC.296/2026/9\n\nOpen-ended working group\n\nFourth session\n\n\
         New York, 23 March – 2 April 2026\n\n\
         The working group met in New York and heard statements from delegations.\n",
    )
    .unwrap();
    let advance = dir.path().join("advance.txt");
    std::fs::write(
        &advance,
        "Advance unedited version\n\n04/05/26\n\nA/78/272\n\n\
         Report of the Secretary-General on paragraph 4/5 of the resolution.\n",
    )
    .unwrap();
    let documents = |path: &std::path::Path| -> Vec<Value> {
        let out = negotext(&["parse", path.to_str().unwrap(), "--json"]);
        json_lines(&out)
            .into_iter()
            .filter(|line| line["type"] == "document")
            .map(|line| line["data"].clone())
            .collect()
    };
    for document in documents(&session) {
        assert_eq!(document["date"], "2026-03-23", "{document}");
        assert_eq!(document["date_end"], "2026-04-02", "{document}");
        let read: Document = serde_json::from_value(document).unwrap();
        assert_eq!(read.dates().unwrap().to_string(), "23 March – 2 April 2026");
    }
    let human = stdout(&negotext(&["parse", session.to_str().unwrap()]));
    assert!(human.contains("23 March – 2 April 2026"), "{human}");
    for document in documents(&advance) {
        assert_eq!(document["date"], "2026-05-04", "{document}");
        assert!(document.get("date_end").is_none(), "{document}");
    }
}
