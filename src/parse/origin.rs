//! Telling the chunks of a file where they came from: the format of the
//! file, the pages of each chunk, and the tracked changes and comments on
//! its lines, as the file's reader recorded them ([`Origin`]).

use crate::corpus::Origin;
use crate::model::{Chunk, LineRange, PageRange};

use super::ParsedFile;

/// Gives every document of `parsed` its format, and every chunk its pages,
/// changes and comments: those on the lines it was cut from.
pub fn annotate(parsed: &mut ParsedFile, origin: &Origin) {
    for document in &mut parsed.documents {
        document.format = origin.format;
    }
    for chunk in &mut parsed.chunks {
        annotate_chunk(chunk, origin);
    }
}

fn annotate_chunk(chunk: &mut Chunk, origin: &Origin) {
    chunk.pages = pages(&origin.pages, chunk.lines);
    let within = |line: usize| (chunk.lines.start..=chunk.lines.end).contains(&line);
    chunk.changes = origin
        .changes
        .iter()
        .filter(|c| within(c.line))
        .cloned()
        .collect();
    chunk.comments = origin
        .comments
        .iter()
        .filter(|c| within(c.line))
        .cloned()
        .collect();
}

/// The pages of the lines `lines` (1-based) given the page of every line
/// (0-based); `None` for a source without pages.
fn pages(of_line: &[u32], lines: LineRange) -> Option<PageRange> {
    let first = lines.start.checked_sub(1)?;
    let span = of_line.get(first..lines.end.min(of_line.len()))?;
    let start = span.iter().copied().min()?;
    let end = span.iter().copied().max()?;
    Some(PageRange { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_spans_the_pages_of_its_lines() {
        let of_line = [1, 1, 2, 2, 3];
        assert_eq!(
            pages(&of_line, LineRange::new(2, 3)),
            Some(PageRange { start: 1, end: 2 })
        );
        assert_eq!(
            pages(&of_line, LineRange::new(5, 9)),
            Some(PageRange { start: 3, end: 3 })
        );
        assert_eq!(pages(&[], LineRange::new(1, 1)), None);
        assert_eq!(pages(&of_line, LineRange::new(7, 9)), None);
    }
}
