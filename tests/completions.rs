//! Shell completions and the manual page, generated from the clap
//! definitions: the bash script, sourced in bash, completes `negotext se`
//! to `search`; the zsh and fish scripts name the commands; the manual page
//! renders.

mod common;

use std::process::Command;

fn generated(args: &[&str]) -> String {
    let output = common::negotext(args);
    assert!(output.status.success(), "{}", common::stderr(&output));
    common::stdout(&output)
}

/// What bash completes for the words of `line`, the last one being typed.
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let cword = words.len() - 1;
    let words_array = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let current = words[cword];
    let previous = if cword > 0 { words[cword - 1] } else { "" };
    let program = format!(
        "source '{}'; COMP_WORDS=({words_array}); COMP_CWORD={cword}; \
         _negotext negotext '{current}' '{previous}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let output = Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_and_options() {
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("negotext.bash");
    std::fs::write(&script, generated(&["completions", "bash"])).unwrap();
    assert_eq!(
        bash_completes(&script, &["negotext", "se"]),
        ["search", "serve"]
    );
    assert_eq!(bash_completes(&script, &["negotext", "his"]), ["history"]);
    let options = bash_completes(&script, &["negotext", "search", "--dr"]);
    assert_eq!(options, ["--draft"]);
}

#[test]
fn zsh_and_fish_scripts_name_the_commands() {
    for shell in ["zsh", "fish"] {
        let script = generated(&["completions", shell]);
        for command in ["search", "show", "history", "diff", "origin", "serve"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
    }
    let refused = common::negotext(&["completions", "tcsh"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_manual_page_renders() {
    let page = generated(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH negotext 1"),
        "{page}"
    );
    // groff (or man) renders it; without either, the roff is checked alone.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("negotext.1");
    std::fs::write(&file, &page).unwrap();
    let rendered = Command::new("groff")
        .args(["-man", "-Tutf8"])
        .arg(&file)
        .output()
        .or_else(|_| Command::new("man").arg("-l").arg(&file).output());
    match rendered {
        Ok(output) if output.status.success() => {
            let text = String::from_utf8_lossy(&output.stdout);
            // Bold and underline are overstruck: `N\bN`, `_\bx`.
            let overstrike = regex::Regex::new(".\u{8}").unwrap();
            let plain = overstrike.replace_all(&text, "");
            assert!(plain.contains("NAME"), "{plain}");
            assert!(plain.contains("search"), "{plain}");
        }
        _ => {
            assert!(
                std::env::var("NEGOTEXT_BROWSER_TESTS").is_err(),
                "CI installs groff: the page must render"
            );
            eprintln!("NOTE: no groff or man here; only the roff source was checked");
        }
    }
}
