//! Text for the glyphs of embedded TrueType fonts that carry no map to
//! text.
//!
//! Word and other office programs embed a subset of a font such as Times
//! New Roman as a composite font (`Type0`, `Identity-H`) whose character
//! codes are glyph numbers, with no `ToUnicode` map: a reader must find the
//! letters in the embedded program, and `pdf-extract` does not, so it gives
//! them as nothing (the French BBNJ Agreement loses its title's B, G, Q, Z
//! and apostrophes so). Before the text is read, this module gives each
//! such font a `ToUnicode` map, from the first of:
//!
//! 1. the embedded program's own Unicode `cmap`, read backwards;
//! 2. the glyph order of the whole font, which such subsets keep. In
//!    Apple's and Microsoft's core fonts the first glyphs follow the
//!    standard Macintosh order (`space` is glyph 3, `A` glyph 36); from
//!    glyph 172 on, Microsoft's fonts run one behind it, having no glyph of
//!    their own for the no-break space. An order is taken only as far as
//!    the file bears it out: a font of the same name embedded with the
//!    Windows encoding must give every character both print the same
//!    width, and the order past glyph 171 is taken only when such widths
//!    tell the two apart; with no such font, glyphs 3 to 171 are read so
//!    when glyph 3 is blank, as the space of that order is;
//! 3. a glyph with no outline is a space (of whatever width).
//!
//! A glyph none of these gives stays without text, and is counted as lost.

use std::collections::{BTreeMap, HashMap};

use encoding_rs::WINDOWS_1252;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use ttf_parser::{Face, GlyphId};

/// The standard Macintosh glyph order: the character of each of the first
/// 258 glyphs (`\0` for `.notdef`, `.null` and the carriage return).
#[rustfmt::skip]
const MACINTOSH_ORDER: [char; 258] = [
    '\0', '\0', '\0', ' ', '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', '@',
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T',
    'U', 'V', 'W', 'X', 'Y', 'Z', '[', '\\', ']', '^', '_', '`',
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~',
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', 'ê', 'ë', 'í', 'ì',
    'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', '†', '°', '¢', '£', '§', '•', '¶', 'ß',
    '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª',
    'º', 'Ω', 'æ', 'ø', '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ',
    'œ', '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '¤', '‹', '›', 'ﬁ', 'ﬂ', '‡', '·', '‚',
    '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù',
    'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ', 'Ł', 'ł', 'Š', 'š', 'Ž', 'ž', '¦', 'Ð', 'ð',
    'Ý', 'ý', 'Þ', 'þ', '−', '×', '¹', '²', '³', '½', '¼', '¾', '₣', 'Ğ', 'ğ', 'İ', 'Ş', 'ş', 'Ć', 'ć',
    'Č', 'č', 'đ',
];

/// The glyph after which Microsoft's core fonts run one behind the
/// standard Macintosh order (which has `nonbreakingspace` at 172).
const ORDERS_PART: u16 = 172;

/// How the glyph numbers of a font are read as characters.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Order {
    /// Glyphs 3 to 171, where the Macintosh and the Microsoft orders agree.
    Shared,
    /// The standard Macintosh order, all 258 glyphs.
    Macintosh,
    /// Microsoft's core fonts: the Macintosh order without its no-break
    /// space.
    Microsoft,
}

impl Order {
    fn character(self, glyph: u16) -> Option<char> {
        let index = match self {
            Order::Shared if glyph >= ORDERS_PART => return None,
            Order::Microsoft if glyph >= ORDERS_PART => glyph.checked_add(1)?,
            _ => glyph,
        };
        MACINTOSH_ORDER
            .get(usize::from(index))
            .copied()
            .filter(|&character| character != '\0')
    }
}

/// Gives each composite TrueType font of `document` that has no map to
/// text a `ToUnicode` map (see the module docs). Returns how many fonts
/// were given one.
pub fn map_unmapped_fonts(document: &mut Document) -> usize {
    let widths_by_name = simple_font_widths(document);
    let mapped: Vec<(ObjectId, String)> = document
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            let cid_font = unmapped_cid_font(document, font)?;
            let program = embedded_program(document, cid_font)?;
            let face = Face::parse(&program, 0).ok()?;
            let widths = cid_widths(document, cid_font);
            let siblings = font_name(document, font)
                .and_then(|name| widths_by_name.get(&name))
                .map_or(&[][..], Vec::as_slice);
            let characters = characters(&face, &widths, siblings);
            (!characters.is_empty()).then(|| (id, to_unicode_cmap(&characters)))
        })
        .collect();
    for (id, cmap) in &mapped {
        let stream = document.add_object(Stream::new(Dictionary::new(), cmap.clone().into_bytes()));
        if let Ok(Object::Dictionary(font)) = document.get_object_mut(*id) {
            font.set("ToUnicode", Object::Reference(stream));
        }
    }
    mapped.len()
}

/// The character of each glyph the font prints (the glyphs of `widths`),
/// as far as `face` and the widths of `siblings` tell them.
fn characters(
    face: &Face,
    widths: &BTreeMap<u16, i64>,
    siblings: &[BTreeMap<char, i64>],
) -> BTreeMap<u16, char> {
    let from_cmap = reversed_cmap(face);
    let order = glyph_order(face, widths, siblings);
    widths
        .keys()
        .filter_map(|&glyph| {
            let character = from_cmap
                .get(&glyph)
                .copied()
                .or_else(|| order.and_then(|order| order.character(glyph)))
                .or_else(|| {
                    face.glyph_bounding_box(GlyphId(glyph))
                        .is_none()
                        .then_some(' ')
                })?;
            Some((glyph, character))
        })
        .collect()
}

/// The program's Unicode `cmap`, from glyph to character (the smallest
/// character where several share a glyph).
fn reversed_cmap(face: &Face) -> BTreeMap<u16, char> {
    let mut reversed = BTreeMap::new();
    let Some(cmap) = face.tables().cmap else {
        return reversed;
    };
    for subtable in cmap
        .subtables
        .into_iter()
        .filter(|table| table.is_unicode())
    {
        subtable.codepoints(|code| {
            let glyph = subtable.glyph_index(code);
            if let (Some(glyph), Some(character)) = (glyph, char::from_u32(code)) {
                reversed.entry(glyph.0).or_insert(character);
            }
        });
    }
    reversed
}

/// The order the file bears out for the glyphs of `widths` (see the module
/// docs), if any.
fn glyph_order(
    face: &Face,
    widths: &BTreeMap<u16, i64>,
    siblings: &[BTreeMap<char, i64>],
) -> Option<Order> {
    let agrees = |order: Order| {
        let pairs: Vec<(u16, i64, i64)> = widths
            .iter()
            .filter_map(|(&glyph, &width)| Some((glyph, width, order.character(glyph)?)))
            .flat_map(|(glyph, width, character)| {
                siblings
                    .iter()
                    .filter_map(move |sibling| Some((glyph, width, *sibling.get(&character)?)))
            })
            .collect();
        let all = !pairs.is_empty() && pairs.iter().all(|(_, own, other)| (own - other).abs() <= 1);
        let decisive = pairs.iter().any(|&(glyph, ..)| glyph >= ORDERS_PART);
        (all, decisive)
    };
    let printed_past_part = widths.keys().any(|&glyph| glyph >= ORDERS_PART);
    for order in [Order::Macintosh, Order::Microsoft] {
        if agrees(order) == (true, true) || (agrees(order).0 && !printed_past_part) {
            return Some(order);
        }
    }
    let blank_space = face.number_of_glyphs() > 3 && face.glyph_bounding_box(GlyphId(3)).is_none();
    let shared = agrees(Order::Shared).0 || (siblings.is_empty() && blank_space);
    shared.then_some(Order::Shared)
}

/// The descendant font of `font` when `font` is a composite font over
/// glyph numbers (`Identity-H` or `-V`, an identity `CIDToGIDMap`) with an
/// embedded TrueType program and no `ToUnicode` map.
fn unmapped_cid_font<'a>(document: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    let is = |dict: &Dictionary, key: &[u8], value: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|name| name == value)
    };
    if !is(font, b"Subtype", b"Type0") || font.has(b"ToUnicode") {
        return None;
    }
    if !is(font, b"Encoding", b"Identity-H") && !is(font, b"Encoding", b"Identity-V") {
        return None;
    }
    let descendants = font
        .get_deref(b"DescendantFonts", document)
        .ok()?
        .as_array()
        .ok()?;
    let cid_font = document
        .dereference(descendants.first()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let identity = match cid_font.get_deref(b"CIDToGIDMap", document) {
        Ok(map) => map.as_name().is_ok_and(|name| name == b"Identity"),
        Err(_) => true,
    };
    (is(cid_font, b"Subtype", b"CIDFontType2") && identity).then_some(cid_font)
}

/// The TrueType program embedded for `cid_font`.
fn embedded_program(document: &Document, cid_font: &Dictionary) -> Option<Vec<u8>> {
    cid_font
        .get_deref(b"FontDescriptor", document)
        .and_then(Object::as_dict)
        .and_then(|descriptor| descriptor.get_deref(b"FontFile2", document))
        .and_then(Object::as_stream)
        .and_then(Stream::decompressed_content)
        .ok()
}

/// The `BaseFont` of `font` without its subset tag (`CPHCAH+`).
fn font_name(document: &Document, font: &Dictionary) -> Option<String> {
    let name = font.get_deref(b"BaseFont", document).ok()?.as_name().ok()?;
    let name = String::from_utf8_lossy(name);
    Some(match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest.to_owned(),
        _ => name.into_owned(),
    })
}

/// The widths of the characters of the simple TrueType fonts of
/// `document` in the Windows encoding, by font name: what a composite font
/// of the same name must agree with.
fn simple_font_widths(document: &Document) -> HashMap<String, Vec<BTreeMap<char, i64>>> {
    let mut by_name: HashMap<String, Vec<BTreeMap<char, i64>>> = HashMap::new();
    for object in document.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        let name_is = |key: &[u8], value: &[u8]| {
            font.get_deref(key, document)
                .and_then(Object::as_name)
                .is_ok_and(|name| name == value)
        };
        if !name_is(b"Subtype", b"TrueType") || !name_is(b"Encoding", b"WinAnsiEncoding") {
            continue;
        }
        let Some(name) = font_name(document, font) else {
            continue;
        };
        let first = font.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
        let Ok(widths) = font
            .get_deref(b"Widths", document)
            .and_then(Object::as_array)
        else {
            continue;
        };
        let characters = widths.iter().zip(first..).filter_map(|(width, code)| {
            let byte = [u8::try_from(code).ok()?];
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(&byte);
            let character = text.chars().next().filter(|c| !c.is_whitespace())?;
            let width = number(document, width).filter(|&width| width > 0)?;
            Some((character, width))
        });
        by_name.entry(name).or_default().push(characters.collect());
    }
    by_name
}

/// The glyph numbers the composite font `cid_font` prints (those its `W`
/// array gives a width), with their widths.
fn cid_widths(document: &Document, cid_font: &Dictionary) -> BTreeMap<u16, i64> {
    let mut widths = BTreeMap::new();
    let Ok(array) = cid_font
        .get_deref(b"W", document)
        .and_then(Object::as_array)
    else {
        return widths;
    };
    let mut rest = array.iter();
    while let Some(first) = rest.next().and_then(|first| number(document, first)) {
        let Some(next) = rest.next() else { break };
        if let Ok((_, Object::Array(list))) = document.dereference(next) {
            for (glyph, width) in (first..).zip(list) {
                insert_width(&mut widths, glyph, number(document, width));
            }
        } else if let (Some(last), Some(width)) = (number(document, next), rest.next()) {
            for glyph in first..=last.min(first + 0xffff) {
                insert_width(&mut widths, glyph, number(document, width));
            }
        }
    }
    widths
}

fn insert_width(widths: &mut BTreeMap<u16, i64>, glyph: i64, width: Option<i64>) {
    if let (Ok(glyph), Some(width)) = (u16::try_from(glyph), width) {
        widths.insert(glyph, width);
    }
}

/// An integer (or a real, rounded) of a PDF array.
fn number(document: &Document, object: &Object) -> Option<i64> {
    match document.dereference(object).ok()?.1 {
        Object::Integer(value) => Some(*value),
        // Widths are a few thousand units at most: rounding is exact enough.
        #[allow(clippy::cast_possible_truncation)]
        Object::Real(value) => Some(value.round() as i64),
        _ => None,
    }
}

/// A `ToUnicode` CMap giving each glyph its character.
fn to_unicode_cmap(characters: &BTreeMap<u16, char>) -> String {
    let pairs: Vec<(&u16, &char)> = characters.iter().collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CMapName /Glyph-Characters def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // A CMap section holds at most 100 entries.
    for section in pairs.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", section.len()));
        for (glyph, character) in section {
            let mut utf16 = [0u16; 2];
            let units: String = character
                .encode_utf16(&mut utf16)
                .iter()
                .map(|unit| format!("{unit:04X}"))
                .collect();
            cmap.push_str(&format!("<{glyph:04X}> <{units}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orders_put_space_at_3_and_part_at_172() {
        assert_eq!(Order::Shared.character(3), Some(' '));
        assert_eq!(Order::Shared.character(36), Some('A'));
        assert_eq!(Order::Shared.character(68), Some('a'));
        assert_eq!(Order::Shared.character(2), None);
        assert_eq!(Order::Shared.character(172), None);
        assert_eq!(Order::Macintosh.character(172), Some('\u{a0}'));
        assert_eq!(Order::Macintosh.character(183), Some('’'));
        assert_eq!(Order::Microsoft.character(182), Some('’'));
        assert_eq!(Order::Microsoft.character(257), None);
    }

    #[test]
    fn the_cmap_maps_glyphs_in_sections_of_at_most_100() {
        let characters: BTreeMap<u16, char> = (3..258)
            .filter_map(|glyph| Some((glyph, Order::Macintosh.character(glyph)?)))
            .collect();
        let cmap = to_unicode_cmap(&characters);
        assert!(cmap.contains("<0024> <0041>\n"), "A");
        assert!(cmap.contains("<00B7> <2019>\n"), "’");
        assert_eq!(cmap.matches("100 beginbfchar").count(), 2);
        assert_eq!(cmap.matches(" beginbfchar").count(), 3);
    }
}
