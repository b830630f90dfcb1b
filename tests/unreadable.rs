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

/// Files the user may not read are skipped with one warning each, whoever
/// owns them, without being opened: one of another owner (the system's
/// answer, `access(2)`), one of the user's own without the owner's read
/// permission. The rest is indexed. Run as `nobody` when the tests run as
/// root, who may read anything (then the files are root's and nobody's).
#[test]
fn files_the_user_may_not_read_are_skipped_and_the_rest_indexed() {
    use common::{User, is_root, run_as};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).expect("chmod");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("a corpus directory");
    fs::write(corpus.join("good.txt"), "1. Zanzibar is read.\n").expect("good.txt");
    fs::write(corpus.join("own.txt"), "1. Own words.\n").expect("own.txt");
    fs::set_permissions(corpus.join("own.txt"), fs::Permissions::from_mode(0o200)).expect("chmod");
    let user = if is_root() {
        // own.txt becomes nobody's; other.txt stays root's, unreadable to others.
        fs::write(corpus.join("other.txt"), "1. Other words.\n").expect("other.txt");
        fs::set_permissions(corpus.join("other.txt"), fs::Permissions::from_mode(0o600))
            .expect("chmod");
        let chown = std::process::Command::new("chown")
            .args(["65534:65534"])
            .arg(corpus.join("own.txt"))
            .status()
            .expect("chown runs");
        assert!(chown.success());
        User::Nobody
    } else {
        User::Me
    };
    let index = dir.path().join("index");
    let output = run_as(user, &["index"], &corpus, &index);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let mut unreadable = vec!["own.txt"];
    if user == User::Nobody {
        unreadable.push("other.txt");
    }
    for file in &unreadable {
        let warned = warnings_about(&err, file);
        assert_eq!(warned.len(), 1, "{file}: {err}");
        assert!(
            warned[0].contains(&format!(
                "{file}: skipped: cannot be opened (Permission denied"
            )),
            "{err}"
        );
    }
    let found = run_as(user, &["search", "--json", "zanzibar"], &corpus, &index);
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    assert!(stdout(&found).contains("\"file\":\"good.txt\""));
    let words = run_as(user, &["search", "words"], &corpus, &index);
    assert_eq!(words.status.code(), Some(1), "{}", stdout(&words));
}
