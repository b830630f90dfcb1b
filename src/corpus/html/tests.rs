//! Unit tests of the HTML reader: what each kind of element becomes.

use super::*;
use crate::model::ChangeKind;

fn extracted(page: &str) -> Extracted {
    match read(page.as_bytes()) {
        Ok(extracted) => extracted,
        Err(err) => panic!("unreadable: {}", err.reason),
    }
}

fn text(page: &str) -> String {
    extracted(page).text
}

#[test]
fn paragraphs_and_headings_are_lines_with_blank_lines_between() {
    assert_eq!(
        text("<h2>A. Introduction</h2><p>States   met\n in <b>New York</b>.<p>They agreed."),
        "A. Introduction\n\nStates met in New York.\n\nThey agreed.\n"
    );
}

#[test]
fn ordered_lists_get_the_markers_a_reader_sees() {
    let page = "<ol start=3><li>States met.<ol type=a><li>in June;<li>in July:\
                <ol type=i><li>first;</li><li value=4>fourth.</li></ol></li></ol></li>\
                <li><p>They agreed.</p><p>Second paragraph.</p></li></ol>\
                <ul><li>a bullet</li></ul>\
                <ol style='list-style-type: upper-roman'><li>Part</li></ol>\
                <ol reversed><li>two</li><li>one</li></ol>";
    assert_eq!(
        text(page),
        "3. States met.\n\n(a) in June;\n\n(b) in July:\n\n(i) first;\n\n(iv) fourth.\n\n\
         4. They agreed.\n\nSecond paragraph.\n\na bullet\n\nI. Part\n\n2. two\n\n1. one\n"
    );
}

#[test]
fn an_item_holding_only_a_list_keeps_its_marker_on_its_own_line() {
    assert_eq!(
        text("<ol><li><ol type=a><li>x</li></ol></li></ol>"),
        "1.\n\n(a) x\n"
    );
}

#[test]
fn furniture_and_hidden_elements_are_skipped() {
    let page = "<html><head><title>Site</title><style>p{}</style></head><body>\
        <header>Site banner</header><nav>Menu</nav><script>var x = 1;</script>\
        <noscript>Enable JS</noscript><template><p>tmpl</p></template>\
        <div hidden>secret</div><div aria-hidden=\"true\">icon</div>\
        <p style='display: none'>gone</p><p>Kept text.</p><aside>Sidebar</aside>\
        <form><p>Login</p><button>Go</button></form><div role=dialog>Cookies</div>\
        <footer>Copyright</footer></body></html>";
    assert_eq!(text(page), "Kept text.\n");
}

#[test]
fn main_or_article_is_preferred_and_its_own_header_is_kept() {
    let page = "<body><p>Site intro</p><main><article><header><h1>Draft title</h1></header>\
                <p>Body.</p><footer>Adopted by consensus.</footer></article></main><p>After</p></body>";
    assert_eq!(
        text(page),
        "Draft title\n\nBody.\n\nAdopted by consensus.\n"
    );
    let page =
        "<body><p>Intro</p><article><p>One.</p></article><article><p>Two.</p></article></body>";
    assert_eq!(text(page), "One.\n\nTwo.\n");
    let page = "<body><p>Outside.</p><div role='main'><p>Inside.</p></div></body>";
    assert_eq!(text(page), "Inside.\n");
}

#[test]
fn an_empty_main_or_a_page_in_a_form_falls_back() {
    let page = extracted("<body><main> </main><p>Body text.</p></body>");
    assert_eq!(page.text, "Body text.\n");
    assert_eq!(page.warnings.len(), 1);
    let page = extracted("<body><form id=aspnetForm><p>All of it.</p></form></body>");
    assert_eq!(page.text, "All of it.\n");
    assert_eq!(page.warnings.len(), 1);
}

#[test]
fn table_rows_are_lines_and_cells_are_tab_separated() {
    let page = "<table><tr><th>No.</th><th>Text</th></tr>\
                <tr><td>1.</td><td><p>States</p><p>agree.</p></td></tr>\
                <tr><td></td><td>cont.</td></tr></table>";
    assert_eq!(text(page), "No.\tText\n\n1.\tStates agree.\n\ncont.\n");
}

#[test]
fn line_breaks_wrap_lines_unless_they_separate_paragraphs() {
    assert_eq!(
        text(
            "<p>Recalling its<br>resolutions,<br><br>Noting<br>(a) first;<br>(b) second.<br>Then.</p>"
        ),
        "Recalling its resolutions,\n\nNoting\n\n(a) first;\n\n(b) second.\n\nThen.\n"
    );
}

#[test]
fn entities_decode_and_markup_characters_are_escaped() {
    assert_eq!(
        text("<p>&ldquo;A&amp;B&rdquo;&nbsp;&#8211; &eacute;t&eacute; *2516528* ~~x \\ y</p>"),
        "“A&B” – été \\*2516528\\* \\~\\~x \\\\ y\n"
    );
}

#[test]
fn insertions_and_deletions_are_marked_and_tracked() {
    let page = extracted(
        "<p>States <ins data-author='Chair' datetime='2022-07-20'>proposed technical</ins> \
         <del>Technical</del> and <s>old</s> measures</p><p><strike>x</strike></p>",
    );
    assert_eq!(
        page.text,
        "States **proposed technical** ~~Technical~~ and ~~old~~ measures\n\n~~x~~\n"
    );
    assert!(page.origin.track_changes);
    assert_eq!(
        page.origin.changes.len(),
        1,
        "only the insertion has an author"
    );
    let change = page.origin.changes.first().cloned();
    let change = change.map(|c| (c.line, c.kind, c.author, c.date, c.text));
    assert_eq!(
        change,
        Some((
            1,
            ChangeKind::Inserted,
            "Chair".to_string(),
            Some("2022-07-20".to_string()),
            "proposed technical".to_string()
        ))
    );
    assert!(!extracted("<p><b>bold</b> text</p>").origin.track_changes);
}

#[test]
fn a_number_in_superscript_is_a_footnote_marker() {
    assert_eq!(
        text("<p>in parallel.<sup>5</sup> and x<sup>12</sup> but <sup>th</sup></p>"),
        "in parallel.⁵ and x¹² but th\n"
    );
}

#[test]
fn preformatted_lines_stay_lines() {
    assert_eq!(
        text("<pre>1. One\n   two\n\n2. Three</pre>"),
        "1. One\n\ntwo\n\n2. Three\n"
    );
}

#[test]
fn pages_without_text_are_unreadable() {
    for page in [
        "",
        "<!doctype html><html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><script>alert(1)</script><nav>Home</nav>&nbsp;</body></html>",
    ] {
        assert!(read(page.as_bytes()).is_err(), "{page:?}");
    }
    assert!(read(b"\x00\x01binary\xFF").is_err());
}

#[test]
fn deep_nesting_and_garbage_do_not_panic() {
    let deep = format!(
        "{}text{}",
        "<div><span>".repeat(1_000),
        "</span></div>".repeat(10)
    );
    assert!(text(&deep).starts_with("text"));
    let lists = format!("{}x", "<ol><li>".repeat(1_000));
    assert!(read(lists.as_bytes()).is_ok());
    for garbage in [
        &b"<<<>>><p\xFF\xFE</"[..],
        b"<table><td><tr><li></table>x",
        b"</p></li></td>",
    ] {
        let _ = read(garbage);
    }
}
