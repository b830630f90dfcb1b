//! Word's automatic numbering: the `16.`, `(a)` or `(i)` a reader sees in
//! front of a paragraph, which is in no run of its text but computed from
//! the paragraph's `w:numPr` (`w:numId`, `w:ilvl`), directly or through its
//! style (`styles.xml`, following `w:basedOn`), and the definitions of
//! `numbering.xml`: an abstract list (`w:abstractNum`) gives each level its
//! start, format (`decimal`, `lowerLetter`, `upperLetter`, `lowerRoman`,
//! `upperRoman`, `bullet`…) and text (`%1.`, `(%2)`); a list instance
//! (`w:num`) points to one and may restart levels (`w:lvlOverride` with
//! `w:startOverride`, or a whole `w:lvl`); an abstract list that only
//! names a numbering style (`w:numStyleLink`) is that style's list.
//!
//! Counting follows Word: instances of one abstract list share its
//! counters (a second `w:num` of the same list continues it) unless they
//! restart a level, which then starts again where the instance is first
//! used; a level's counter goes up with each of its paragraphs, and the
//! deeper levels start again after it.

use std::collections::{HashMap, HashSet};

use super::numformat::{expand, formatted};
use super::xml::Element;

/// The levels of a list: Word has nine (0 to 8).
const LEVELS: usize = 9;

/// How a level is numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub start: u32,
    /// `decimal`, `lowerLetter`… as `w:numFmt` says.
    pub format: String,
    /// `%1.`, `(%2)`…
    pub text: String,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 1,
            format: "decimal".to_string(),
            text: String::new(),
        }
    }
}

/// A list instance (`w:num`): its abstract list and its restarts.
#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Levels it restarts, with their start.
    starts: HashMap<usize, u32>,
    /// Levels it defines anew (`w:lvlOverride/w:lvl`).
    levels: HashMap<usize, Level>,
}

/// The numbering definitions and the styles' numbering, and the counters
/// as the document is read from the top.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    /// A paragraph style's `(numId, ilvl)`, its `w:basedOn` followed.
    styles: HashMap<String, (Option<String>, Option<usize>)>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// Instances already used (their restarts applied).
    used: HashSet<String>,
}

impl Numbering {
    /// The definitions of `numbering` (the root of `numbering.xml`) and
    /// `styles` (of `styles.xml`), either absent.
    pub fn new(numbering: Option<&Element>, styles: Option<&Element>) -> Numbering {
        let mut out = Numbering::default();
        let mut links = HashMap::new();
        for element in numbering.into_iter().flat_map(Element::elements) {
            match element.name.as_str() {
                "abstractNum" => {
                    let id = element.attr("abstractNumId").unwrap_or_default();
                    let mut levels = vec![Level::default(); LEVELS];
                    for lvl in element.elements().filter(|e| e.name == "lvl") {
                        if let Some(slot) = level_index(lvl).and_then(|i| levels.get_mut(i)) {
                            *slot = level(lvl);
                        }
                    }
                    if let Some(style) = element.child_val("numStyleLink") {
                        links.insert(id.to_string(), style.to_string());
                    }
                    out.abstracts.insert(id.to_string(), levels);
                }
                "num" => {
                    let id = element.attr("numId").unwrap_or_default();
                    let mut instance = Instance {
                        abstract_id: element
                            .child_val("abstractNumId")
                            .unwrap_or_default()
                            .into(),
                        ..Instance::default()
                    };
                    for over in element.elements().filter(|e| e.name == "lvlOverride") {
                        let Some(index) = level_index(over) else {
                            continue;
                        };
                        if let Some(start) = over.child_val("startOverride").and_then(number) {
                            instance.starts.insert(index, start);
                        }
                        if let Some(lvl) = over.child("lvl") {
                            instance.levels.insert(index, level(lvl));
                        }
                    }
                    out.instances.insert(id.to_string(), instance);
                }
                _ => {}
            }
        }
        out.styles = style_numbering(styles);
        // A list that only names a numbering style (`w:numStyleLink`) is
        // numbered, and counted, as the list of that style.
        let targets: HashMap<String, String> = links
            .iter()
            .filter_map(|(id, style)| {
                let (num_id, _) = out.styles.get(style)?;
                let target = &out.instances.get(num_id.as_deref()?)?.abstract_id;
                (target != id && !links.contains_key(target)).then(|| (id.clone(), target.clone()))
            })
            .collect();
        for instance in out.instances.values_mut() {
            if let Some(target) = targets.get(&instance.abstract_id) {
                instance.abstract_id = target.clone();
            }
        }
        out
    }

    /// The label a reader sees before a paragraph with properties `ppr`
    /// (`w:pPr`, absent when the paragraph has none): `16.`, `(a)`; `None`
    /// for an unnumbered paragraph, `•` for a bullet. The
    /// counters move on: call it once per paragraph, in document order.
    pub fn label(&mut self, ppr: Option<&Element>) -> Option<String> {
        let style = ppr
            .and_then(|p| p.child_val("pStyle"))
            .and_then(|id| self.styles.get(id))
            .cloned()
            .unwrap_or_default();
        let own = ppr.and_then(|p| p.child("numPr"));
        let num_id = own
            .and_then(|n| n.child_val("numId"))
            .map(str::to_string)
            .or(style.0)?;
        let ilvl = own
            .and_then(|n| n.child_val("ilvl"))
            .and_then(|v| v.parse::<usize>().ok())
            .or(style.1)
            .unwrap_or(0)
            .min(LEVELS - 1);
        let instance = self.instances.get(&num_id)?.clone();
        let levels = self.levels(&instance);
        let counters = self
            .counters
            .entry(instance.abstract_id.clone())
            .or_default();
        if self.used.insert(num_id) {
            for index in instance.starts.keys() {
                if let Some(counter) = counters.get_mut(*index) {
                    *counter = None;
                }
            }
        }
        let start = |index: usize| levels.get(index).map_or(1, |l| l.start);
        if let Some(counter) = counters.get_mut(ilvl) {
            *counter = Some(counter.map_or(start(ilvl), |n| n.saturating_add(1)));
        }
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let level = levels.get(ilvl)?;
        match level.format.as_str() {
            // Word's bullets are often a private-use glyph of the Symbol font.
            "bullet" => return Some("•".to_string()),
            "none" => return Some(String::new()),
            _ => {}
        }
        let counters = *counters;
        Some(expand(&level.text, |index| {
            let value = counters
                .get(index)
                .copied()
                .flatten()
                .unwrap_or(start(index));
            let format = levels.get(index).map_or("decimal", |l| l.format.as_str());
            formatted(value, format)
        }))
    }

    /// The levels of `instance`: its abstract list's, with its overrides.
    fn levels(&self, instance: &Instance) -> Vec<Level> {
        let mut levels = self
            .abstracts
            .get(&instance.abstract_id)
            .cloned()
            .unwrap_or_else(|| vec![Level::default(); LEVELS]);
        for (index, level) in levels.iter_mut().enumerate() {
            if let Some(over) = instance.levels.get(&index) {
                *level = over.clone();
            }
            if let Some(start) = instance.starts.get(&index) {
                level.start = *start;
            }
        }
        levels
    }
}

/// The `w:ilvl` of a `w:lvl` or `w:lvlOverride`.
fn level_index(element: &Element) -> Option<usize> {
    element
        .attr("ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

fn number(value: &str) -> Option<u32> {
    value.trim().parse().ok()
}

/// A `w:lvl` definition.
fn level(lvl: &Element) -> Level {
    Level {
        start: lvl.child_val("start").and_then(number).unwrap_or(1),
        format: lvl.child_val("numFmt").unwrap_or("decimal").to_string(),
        text: lvl.child_val("lvlText").unwrap_or_default().to_string(),
    }
}

/// Every paragraph style's numbering, inherited through `w:basedOn`.
fn style_numbering(styles: Option<&Element>) -> HashMap<String, (Option<String>, Option<usize>)> {
    let mut own = HashMap::new();
    for style in styles.into_iter().flat_map(Element::elements) {
        if style.name != "style" {
            continue;
        }
        let Some(id) = style.attr("styleId") else {
            continue;
        };
        let num_pr = style.child("pPr").and_then(|p| p.child("numPr"));
        let num_id = num_pr
            .and_then(|n| n.child_val("numId"))
            .map(str::to_string);
        let ilvl = num_pr
            .and_then(|n| n.child_val("ilvl"))
            .and_then(|v| v.parse::<usize>().ok());
        let based_on = style.child_val("basedOn").map(str::to_string);
        own.insert(id.to_string(), (num_id, ilvl, based_on));
    }
    let mut resolved = HashMap::new();
    for id in own.keys() {
        let (mut num_id, mut ilvl, mut parent) = (None, None, Some(id.clone()));
        // A chain of at most 32 styles: a loop of `basedOn` ends too.
        for _ in 0..32 {
            let Some((n, l, p)) = parent.as_ref().and_then(|p| own.get(p)) else {
                break;
            };
            num_id = num_id.or_else(|| n.clone());
            ilvl = ilvl.or(*l);
            parent = p.clone();
        }
        if num_id.is_some() {
            resolved.insert(id.clone(), (num_id, ilvl));
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
      <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Para"/></w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:style w:styleId="Para"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="Sub"><w:basedOn w:val="Para"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
    </w:styles>"#;

    fn ppr(xml: &str) -> Element {
        parse(
            "p.xml",
            format!(r#"<w:pPr xmlns:w="w">{xml}</w:pPr>"#).as_bytes(),
        )
        .unwrap()
    }

    fn num(id: u32, ilvl: u32) -> Element {
        ppr(&format!(
            r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ))
    }

    #[test]
    fn levels_count_reset_and_restart() {
        let numbering = parse("n.xml", NUMBERING.as_bytes()).unwrap();
        let styles = parse("s.xml", STYLES.as_bytes()).unwrap();
        let mut n = Numbering::new(Some(&numbering), Some(&styles));
        let mut labels = Vec::new();
        for (id, ilvl) in [
            (1, 0),
            (1, 1),
            (1, 2),
            (1, 2),
            (1, 1),
            (1, 2),
            (1, 0),
            (1, 1),
        ] {
            labels.push(n.label(Some(&num(id, ilvl))).unwrap());
        }
        assert_eq!(
            labels,
            ["1.", "(a)", "(i)", "(ii)", "(b)", "(i)", "2.", "(a)"]
        );
        // A second instance of the same list continues it; one that restarts does not.
        assert_eq!(n.label(Some(&num(3, 0))).unwrap(), "3.");
        assert_eq!(n.label(Some(&num(2, 0))).unwrap(), "1.");
        assert_eq!(n.label(Some(&num(2, 0))).unwrap(), "2.");
        assert_eq!(n.label(Some(&num(4, 0))).unwrap(), "•");
        assert_eq!(
            n.label(Some(&ppr(r#"<w:pStyle w:val="Para"/>"#))).unwrap(),
            "3."
        );
        assert_eq!(
            n.label(Some(&ppr(r#"<w:pStyle w:val="Sub"/>"#))).unwrap(),
            "(a)"
        );
        assert_eq!(n.label(Some(&ppr(r#"<w:pStyle w:val="Loop"/>"#))), None);
        // A list linked to the style `Para` continues the style's list.
        assert_eq!(n.label(Some(&num(5, 0))).unwrap(), "4.");
        assert_eq!(n.label(None), None);
        assert_eq!(n.label(Some(&num(99, 0))), None);
    }
}
