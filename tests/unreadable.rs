//! Files negotext recognises but cannot read — a scanned PDF, an encrypted
//! one, a damaged one, a Word file that unpacks past the bound (a zip
//! bomb), a file named like a PDF or a Word file that is not
//! one — each get one warning naming the file and what to do, and
//! everything else in the corpus is indexed and found. A real PDF under
//! another name is read as the PDF it is. The PDF fixtures are made by
//! `tests/fixtures/unreadable/make.py`.

mod common;

use std::fs;
use std::path::Path;

use common::{run, stderr, stdout, zip_of};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/unreadable")
        .join(name);
    fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The warnings that name `file`.
fn warnings_about<'a>(err: &'a str, file: &str) -> Vec<&'a str> {
    err.lines()
        .filter(|l| l.starts_with("warning:") && l.contains(file))
        .collect()
}

#[test]
fn unreadable_documents_get_one_warning_each_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("a corpus");
    let good = "1. States agreed to convene a workshop on zanzibar cooperation.\n";
    fs::write(corpus.join("good.txt"), good).expect("a text file");
    let text_pdf = fixture("text.pdf");
    let mut truncated_zip = b"PK\x03\x04".to_vec();
    truncated_zip.extend_from_slice(&[0; 20]);
    // 32 MB of zeros where the text should be, in a 32 KB zip: past the
    // corpus's bound (`--max-file-size 4`, MiB, below) once unpacked.
    let bomb = zip_of(&[("word/document.xml", &vec![0u8; 32 << 20])]);
    assert!(bomb.len() < 64 << 10, "{}", bomb.len());
    let unreadable: [(&str, Vec<u8>, &str); 7] = [
        (
            "bomb.docx",
            bomb,
            "a zip bomb: word/document.xml unpacks past 4194304 bytes",
        ),
        ("scanned.pdf", fixture("scanned.pdf"), "no text layer"),
        (
            "encrypted.pdf",
            fixture("encrypted.pdf"),
            "needs a password",
        ),
        ("truncated.pdf", fixture("truncated.pdf"), "damaged PDF"),
        ("notes.pdf", good.as_bytes().to_vec(), "but it holds text"),
        ("draft.docx", good.as_bytes().to_vec(), "but it holds text"),
        ("broken.docx", truncated_zip, "docx"),
    ];
    for (name, bytes, _) in &unreadable {
        fs::write(corpus.join(name), bytes).expect("a fixture copy");
    }
    // A real PDF named as text: read by its content.
    fs::write(corpus.join("renamed.txt"), &text_pdf).expect("a PDF");
    let index = dir.path().join("index");
    let indexed = run(&["index", "--max-file-size", "4"], &corpus, &index);
    let err = stderr(&indexed);
    assert_eq!(indexed.status.code(), Some(0), "{err}");
    for (name, _, reason) in &unreadable {
        let about = warnings_about(&err, name);
        assert_eq!(about.len(), 1, "{name}: {err}");
        assert!(about[0].contains(reason), "{name}: {}", about[0]);
    }
    assert_eq!(
        err.lines().filter(|l| l.contains(": skipped: ")).count(),
        unreadable.len(),
        "{err}"
    );
    let found = run(&["search", "--json", "zanzibar"], &corpus, &index);
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    assert!(stdout(&found).contains("\"file\":\"good.txt\""));
    let spring = run(&["search", "--json", "spring"], &corpus, &index);
    let out = stdout(&spring);
    assert!(out.contains("\"file\":\"renamed.txt\""), "{out}");
    assert!(out.contains("\"format\":\"pdf\""), "{out}");
    assert!(out.contains("\"pages\":{\"start\":1,\"end\":1}"), "{out}");
}

#[test]
fn parse_says_why_a_pdf_cannot_be_read() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("scanned.pdf");
    fs::write(&path, fixture("scanned.pdf")).expect("a fixture copy");
    let output = common::negotext(&["parse", path.to_str().expect("a UTF-8 path")]);
    let err = stderr(&output);
    assert!(
        err.contains("scanned.pdf: skipped: an unreadable pdf file: a PDF with no text layer"),
        "{err}"
    );
    assert!(err.contains("ocrmypdf"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
