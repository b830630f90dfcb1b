//! The structure ARCHITECTURE.md describes, checked over the code: the
//! top-level modules import each other without a cycle (the data flows
//! one way: corpus → parse → model → history → index → search →
//! printer), and the printer imports nothing from the index (it prints
//! what the library produced: records, hits, histories).
//!
//! Read from the source text of every file under `src/`: each `crate::…`
//! path (in `use` lines and inline), and each `super::…` path that climbs
//! to the crate root. Comments and `#[cfg(test)]` modules are left out:
//! a test may build what it tests from any module.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;

/// The modules whose imports must not form a cycle.
const MODULES: &[&str] = &[
    "corpus", "parse", "model", "analysis", "index", "search", "history", "printer", "serve",
];

/// For each import from one module into another, the files that make it:
/// `(from, to) → files`.
type Imports = BTreeMap<(String, String), BTreeSet<String>>;

/// A source file: its path under `src/` (with `/`) and its text.
struct Source {
    path: String,
    text: String,
}

fn sources(dir: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).expect("src/ lists") {
            let path: PathBuf = entry.expect("an entry of src/").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(dir).expect("under src/");
                files.push(Source {
                    path: relative.to_string_lossy().replace('\\', "/"),
                    text: fs::read_to_string(&path).expect("a source file reads"),
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The module path of a file: `index/plan.rs` → `[index, plan]`,
/// `index/mod.rs` → `[index]`, `lib.rs` → `[]`.
fn module_path(path: &str) -> Vec<String> {
    let mut parts: Vec<String> = path
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if parts
        .last()
        .is_some_and(|last| last == "mod" || last == "lib" || last == "main")
    {
        parts.pop();
    }
    parts
}

/// `text` without comments and without `#[cfg(test)] mod … { … }` blocks.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            // A `//` inside a string (a URL) is rare in a path line; cut anyway.
            Some(at) => line.get(..at).unwrap_or(line),
            None => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    let test_module =
        Regex::new(r"#\[cfg\(test\)\]\s*(pub(\([a-z]+\))?\s+)?mod\s+\w+\s*\{").unwrap();
    while let Some(found) = test_module.find(&code) {
        let mut depth = 0usize;
        let mut end = code.len();
        for (i, c) in code[found.end() - 1..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = found.end() - 1 + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        code.replace_range(found.start()..end, "");
    }
    code
}

/// The top-level modules `code` (of the file at `module`) names through
/// `crate::` or `super::` paths.
fn imported(module: &[String], code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let path = Regex::new(r"\b(crate::|(?:super::)+)(\w+|\{)").unwrap();
    for found in path.captures_iter(code) {
        let (head, first) = (&found[1], &found[2]);
        let depth = head.matches("super").count();
        let at = if head == "crate::" {
            Some(0)
        } else {
            module.len().checked_sub(depth)
        };
        // Only a path that starts at the crate root names a top-level module.
        if at != Some(0) {
            continue;
        }
        if first == "{" {
            // `use crate::{index::X, model::{Y, Z}}`: the names at depth one.
            let start = found.get(2).unwrap().end();
            let mut depth = 1;
            let mut name = String::new();
            let mut at_start = true;
            for c in code[start..].chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && (c.is_alphanumeric() || c == '_') && at_start {
                    name.push(c);
                } else if depth == 1 && c == ',' {
                    at_start = true;
                    name.clear();
                } else if !name.is_empty() {
                    names.insert(std::mem::take(&mut name));
                    at_start = false;
                }
            }
        } else {
            names.insert(first.to_string());
        }
    }
    names
}

/// Every import between two of [`MODULES`], with the files that make it.
fn imports(sources: &[Source]) -> Imports {
    let mut imports = Imports::new();
    for source in sources {
        let module = module_path(&source.path);
        let Some(from) = module.first().filter(|m| MODULES.contains(&m.as_str())) else {
            continue;
        };
        for to in imported(&module, &code_of(&source.text)) {
            if &to != from && MODULES.contains(&to.as_str()) {
                imports
                    .entry((from.clone(), to))
                    .or_default()
                    .insert(source.path.clone());
            }
        }
    }
    imports
}

/// The cycles of the import graph, one per strongly connected component of
/// more than one module, each said with the imports that make it.
fn cycles(imports: &Imports) -> Vec<String> {
    let edges = |from: &str| -> Vec<String> {
        imports
            .keys()
            .filter(|(f, _)| f == from)
            .map(|(_, t)| t.clone())
            .collect()
    };
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut pending = vec![from.to_string()];
        while let Some(next) = pending.pop() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                pending.extend(edges(&next));
            }
        }
        false
    };
    let mut found = Vec::new();
    for ((from, to), files) in imports {
        if reaches(to, from) {
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            found.push(format!(
                "{from} → {to} ({}) while {to} reaches {from}",
                files.join(", ")
            ));
        }
    }
    found
}

/// The files of the printer that import from the index.
fn printer_into_index(imports: &Imports) -> Vec<String> {
    imports
        .get(&("printer".to_string(), "index".to_string()))
        .map(|files| files.iter().cloned().collect())
        .unwrap_or_default()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_top_level_modules_import_each_other_without_a_cycle() {
    let sources = sources(&src());
    assert!(sources.len() > 50, "src/ holds the crate's files");
    let imports = imports(&sources);
    // The reading sees the imports that are there.
    assert!(imports.contains_key(&("search".to_string(), "index".to_string())));
    assert!(imports.contains_key(&("index".to_string(), "parse".to_string())));
    let cycles = cycles(&imports);
    assert!(
        cycles.is_empty(),
        "import cycles between top-level modules:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_printer_imports_nothing_from_the_index() {
    let imports = imports(&sources(&src()));
    assert!(imports.contains_key(&("printer".to_string(), "model".to_string())));
    let files = printer_into_index(&imports);
    assert!(
        files.is_empty(),
        "printer files that import from index: {}",
        files.join(", ")
    );
}

/// A tree of made-up files, to show that the checks can fail.
fn made_up(files: &[(&str, &str)]) -> Imports {
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, text)| Source {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect();
    imports(&sources)
}

#[test]
fn a_cycle_is_caught_however_it_is_written() {
    for (index_side, history_side) in [
        ("use crate::history::lineage;", "use crate::index::Record;"),
        (
            "use crate::{history::lineage, model::Draft};",
            "use crate::{model::{Draft, Links}, index::Record};",
        ),
        (
            "    let x = crate::history::align();",
            "use super::super::index::Record;",
        ),
        ("use crate::history::lineage;", "use super::index::Record;"),
    ] {
        let imports = made_up(&[
            ("index/update.rs", index_side),
            (
                if history_side.starts_with("use super::index") {
                    "history/mod.rs"
                } else {
                    "history/trace.rs"
                },
                history_side,
            ),
        ]);
        assert_eq!(
            cycles(&imports).len(),
            2,
            "{index_side} / {history_side}: {imports:?}"
        );
    }
}

#[test]
fn what_is_not_an_import_is_not_counted() {
    let imports = made_up(&[
        (
            "index/update.rs",
            "use crate::history::lineage;\nuse super::plan::Plan;",
        ),
        (
            "history/lineage.rs",
            "// use crate::index::Record;\n/// See [`crate::index`].\n#[cfg(test)]\nmod tests {\n    use crate::index::Record;\n    fn f() { if true { } }\n}\nuse crate::model::Record;",
        ),
    ]);
    assert!(cycles(&imports).is_empty(), "{imports:?}");
    assert!(imports.contains_key(&("history".to_string(), "model".to_string())));
    assert!(!imports.contains_key(&("index".to_string(), "plan".to_string())));
}

#[test]
fn a_printer_file_importing_the_index_is_caught() {
    let imports = made_up(&[("printer/hits.rs", "use crate::index::{Record, View};")]);
    assert_eq!(printer_into_index(&imports), ["printer/hits.rs"]);
}

/// Whether ARCHITECTURE.md (`doc`) names the file at `path` (under
/// `src/`): by its path (`index/plan.rs`, `docx/mod.rs`), or by its name
/// in backticks (`` `plan.rs` ``) in the section of its top-level module
/// (`` ## `index/` ``) — which, for a file in a folder of its own, also
/// names the folder (`` `corpus/docx/` ``).
fn named(doc: &str, path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    if doc.contains(path) {
        return true;
    }
    let Some((name, folders)) = parts.split_last() else {
        return false;
    };
    if folders.len() >= 2 && doc.contains(&format!("{}/{name}", folders.last().unwrap())) {
        return true;
    }
    let Some(module) = folders.first() else {
        return doc.contains(&format!("`{name}`"));
    };
    let heading = format!("## `{module}/`");
    let Some(start) = doc.find(&heading) else {
        return false;
    };
    let section = &doc[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let folder = folders.join("/");
    (*name != "mod.rs" || folders.len() == 1)
        && section.contains(&format!("`{name}`"))
        && (folders.len() == 1 || section.contains(&format!("`{folder}/`")))
}

#[test]
fn architecture_md_names_every_file_under_src() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md reads");
    let unnamed: Vec<String> = sources(&src())
        .into_iter()
        .map(|source| source.path)
        .filter(|path| !named(&doc, path))
        .collect();
    assert!(
        unnamed.is_empty(),
        "files under src/ that ARCHITECTURE.md does not name: {}",
        unnamed.join(", ")
    );
}

#[test]
fn a_file_is_named_in_the_section_of_its_module() {
    let doc =
        "## `index/` — x\n- `plan.rs`: y\n- `corpus/docx/`: `runs.rs`\n## `search/`\n`trace.rs`\n";
    assert!(named(doc, "index/plan.rs"));
    assert!(!named(doc, "search/plan.rs"));
    assert!(!named(doc, "index/trace.rs"));
    assert!(!named(doc, "index/mod.rs"));
    assert!(!named(doc, "index/docx/runs.rs"));
    assert!(named(
        "## `corpus/` — z\n`corpus/docx/`: `runs.rs`",
        "corpus/docx/runs.rs"
    ));
    assert!(named("see `index/mod.rs`", "index/mod.rs"));
}
