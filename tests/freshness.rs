//! The freshness check before every search trusts a file's size and
//! modification time (its stamp) once they are older than the read that
//! recorded them, and reads only the files whose stamp changed; `negotext
//! index` reads every file.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::{CRP1, corpus_dir, run, stderr};

const PHRASE: &str = "\"inter-governmental points of contact\"";

/// A copy of the shipped corpus in `dir`, every file last modified `age` ago.
fn copy_corpus(dir: &Path, age: Duration) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        let to = dir.join(entry.file_name());
        fs::copy(entry.path(), &to).unwrap();
        set_modified(&to, SystemTime::now() - age);
    }
}

fn set_modified(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// Rewrites CRP.1 with bytes of the same length ("contact" → "kontakt")
/// and puts its modification time back: only its bytes tell the change.
fn change_crp1_behind_its_stamp(corpus: &Path) {
    let path = corpus.join(CRP1);
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replace("points of contact", "points of kontakt");
    assert_ne!(text, changed);
    assert_eq!(text.len(), changed.len());
    fs::write(&path, changed).unwrap();
    set_modified(&path, modified);
}

/// The `report/draft` of each hit.
fn drafts(output: &Output) -> Vec<String> {
    common::json_lines(output)
        .iter()
        .filter(|line| line["type"] == "hit")
        .map(|line| format!("{}/{}", line["data"]["report"], line["data"]["draft"]))
        .collect()
}

#[test]
fn search_trusts_a_settled_stamp_and_index_reads_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = (tmp.path().join("corpus"), tmp.path().join("index"));
    copy_corpus(&corpus, Duration::from_secs(3600));
    assert!(run(&["index", "--quiet"], &corpus, &index).status.success());

    change_crp1_behind_its_stamp(&corpus);
    // The stamp vouches for the old bytes: the search does not read them.
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(stderr(&searched), "");
    assert_eq!(drafts(&searched).len(), 4);

    // `negotext index` reads every file and finds the change.
    let indexed = run(&["index"], &corpus, &index);
    assert!(indexed.status.success(), "{}", stderr(&indexed));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&indexed.stdout),
        stderr(&indexed)
    );
    assert!(said.contains("2022-07-28-crp1.txt changed"), "{said}");
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(
        drafts(&searched),
        ["\"apr1\"/\"rev1\"", "\"apr1\"/\"rev1\""]
    );
}

#[test]
fn a_file_modified_just_before_it_was_read_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = (tmp.path().join("corpus"), tmp.path().join("index"));
    // Modified now: too recent for a stamp to vouch for the bytes read.
    copy_corpus(&corpus, Duration::ZERO);
    assert!(run(&["index", "--quiet"], &corpus, &index).status.success());

    change_crp1_behind_its_stamp(&corpus);
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert!(
        stderr(&searched).contains("2022-07-28-crp1.txt changed"),
        "{}",
        stderr(&searched)
    );
    assert_eq!(
        drafts(&searched),
        ["\"apr1\"/\"rev1\"", "\"apr1\"/\"rev1\""]
    );
}

#[test]
fn the_first_search_after_the_times_settle_records_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = (tmp.path().join("corpus"), tmp.path().join("index"));
    copy_corpus(&corpus, Duration::ZERO);
    assert!(run(&["index", "--quiet"], &corpus, &index).status.success());
    // Too recent to be trusted when indexed; settled now.
    let settled = SystemTime::now() - Duration::from_secs(3600);
    for entry in fs::read_dir(&corpus).unwrap() {
        set_modified(&entry.unwrap().path(), settled);
    }
    // This search reads the files, finds them unchanged and records their
    // stamps, silently; from then on the stamps vouch for the bytes.
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(stderr(&searched), "");
    change_crp1_behind_its_stamp(&corpus);
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(stderr(&searched), "");
    assert_eq!(drafts(&searched).len(), 4);
}

/// The hits of `query` (none: exit 1) and what the search said on stderr.
fn hits(query: &str, corpus: &Path, index: &Path) -> (usize, String) {
    let searched = run(&["search", query, "--json"], corpus, index);
    let count = common::json_lines(&searched)
        .iter()
        .filter(|line| line["type"] == "hit")
        .count();
    (count, stderr(&searched))
}

#[test]
fn an_added_an_edited_and_a_removed_file_are_each_seen_by_the_next_search() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = (tmp.path().join("corpus"), tmp.path().join("index"));
    // Settled stamps: the check trusts every file it does not see change.
    copy_corpus(&corpus, Duration::from_secs(3600));
    assert!(run(&["index", "--quiet"], &corpus, &index).status.success());
    let note = corpus.join("notes").join("2022-08-01-note.txt");
    fs::create_dir_all(note.parent().unwrap()).unwrap();

    fs::write(&note, "Note on the quokka proposal.\n\nThe quokka stays.\n").unwrap();
    let (found, said) = hits("quokka", &corpus, &index);
    assert!(found > 0, "{said}");
    assert!(said.contains("notes/2022-08-01-note.txt added"), "{said}");

    fs::write(&note, "Note on the wombat proposal.\n\nThe wombat stays.\n").unwrap();
    let (found, said) = hits("wombat", &corpus, &index);
    assert!(found > 0, "{said}");
    assert!(said.contains("notes/2022-08-01-note.txt changed"), "{said}");
    assert_eq!(hits("quokka", &corpus, &index).0, 0);

    fs::remove_file(&note).unwrap();
    let (found, said) = hits("wombat", &corpus, &index);
    assert_eq!(found, 0, "{said}");
    assert!(said.contains("notes/2022-08-01-note.txt removed"), "{said}");
    // And nothing else changed meanwhile.
    let (found, said) = hits(PHRASE, &corpus, &index);
    assert_eq!((found, said.as_str()), (4, ""));
}
