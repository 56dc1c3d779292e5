//! Generic document layer: a markdown page as front matter plus an ordered list of blocks.
//!
//! Built on pulldown-cmark's event stream (`into_offset_iter`), so every block knows the 1-based
//! line it starts on. Inline markup is flattened to plain text: inline code is kept as text,
//! emphasis markers and inline HTML tags are dropped (their text kept), and HTML entities are
//! decoded — repeatedly, because the vendor docs contain double-encoded `&amp;apos;`.

use crate::diag::Diagnostic;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A parsed markdown page.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The file the page came from, as given to [`parse_document`].
    pub file: PathBuf,
    /// Scalar `key: value` pairs of the YAML front matter (lists and nested values are ignored).
    pub front_matter: BTreeMap<String, String>,
    /// The blocks of the page, in document order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// A front matter value, if the key is present.
    pub fn front(&self, key: &str) -> Option<&str> {
        self.front_matter.get(key).map(String::as_str)
    }
}

/// One block-level element of a [`Document`]. Every variant carries its 1-based start line.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// An ATX or setext heading.
    Heading {
        /// 1 for `#`, 2 for `##`...
        level: u8,
        /// The heading as plain text (closing `##` removed).
        text: String,
        /// Line of the heading.
        line: usize,
    },
    /// A paragraph as plain text; soft and hard line breaks become `\n`.
    Paragraph {
        /// The plain text.
        text: String,
        /// Line of the paragraph's first line.
        line: usize,
    },
    /// One item of a bulleted or numbered list, as plain text (paragraphs inside joined by `\n`).
    ListItem {
        /// The plain text, without the bullet.
        text: String,
        /// Line of the item.
        line: usize,
    },
    /// A fenced or indented code block.
    Code {
        /// The info string of a fenced block (`http`, `http!`, `cs`...); empty when indented.
        info: String,
        /// The literal content (without the fences).
        text: String,
        /// Line of the opening fence (the content starts on the next line).
        line: usize,
    },
    /// A GFM table.
    Table(Table),
    /// A raw HTML block.
    Html {
        /// The HTML as written.
        html: String,
        /// Line of the block.
        line: usize,
    },
}

impl Block {
    /// The 1-based line the block starts on.
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::ListItem { line, .. }
            | Block::Code { line, .. }
            | Block::Html { line, .. } => *line,
            Block::Table(t) => t.line,
        }
    }
}

/// A table: header cells and body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header cells as plain text.
    pub header: Vec<String>,
    /// The body rows.
    pub rows: Vec<TableRow>,
    /// Line of the header row.
    pub line: usize,
}

/// A body row of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The cells. pulldown-cmark pads short rows and truncates long ones to the header's width, so
    /// check [`TableRow::source_cells`] to detect malformed rows.
    pub cells: Vec<Cell>,
    /// How many cells the row has in the source text.
    pub source_cells: usize,
    /// Line of the row.
    pub line: usize,
}

impl TableRow {
    /// The plain text of cell `i`, or `""` when there is no such cell.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.text.as_str())
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The cell as plain text, trimmed.
    pub text: String,
    /// Byte ranges of `text` that were `**strong**` in the source.
    pub strong: Vec<Range<usize>>,
}

impl Cell {
    /// If `word` appears as a `**strong**` span, the text with that span removed (trimmed).
    pub fn without_strong(&self, word: &str) -> Option<String> {
        let r = self.strong.iter().find(|r| self.text.get((*r).clone()) == Some(word))?;
        let (before, after) = (self.text.get(..r.start)?.trim(), self.text.get(r.end..)?.trim());
        Some([before, after].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" "))
    }
}

/// Parses `text` (the content of `path`) into a [`Document`].
///
/// # Errors
///
/// None at present: every input gives a document (malformed structure is reported by the page
/// parsers); the `Result` leaves room for document-level checks.
pub fn parse_document(path: &Path, text: &str) -> Result<Document, Diagnostic> {
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).max(1);
    let mut b = Builder::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let src = text.get(range.clone()).unwrap_or("");
        b.event(event, line_of(range.start), src);
    }
    b.close();
    Ok(Document { file: path.to_path_buf(), front_matter: b.front_matter, blocks: b.blocks })
}

/// Decodes the common HTML entities until nothing changes (`&amp;apos;` -> `'`).
pub fn decode_entities(s: &str) -> String {
    const ENTITIES: [(&str, &str); 6] =
        [("&amp;", "&"), ("&apos;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'")];
    let mut cur = s.to_string();
    for _ in 0..8 {
        let next = ENTITIES.iter().fold(cur.clone(), |acc, (e, r)| acc.replace(e, r));
        if next == cur {
            break;
        }
        cur = next;
    }
    cur
}

/// Counts the cells of a table row as written in the source (pipes escaped with `\` don't count).
fn count_cells(row_src: &str) -> usize {
    let line = row_src.lines().next().unwrap_or("").trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let (mut pipes, mut escaped, mut ends_with_pipe) = (0, false, false);
    for c in line.chars() {
        if escaped {
            escaped = false;
            ends_with_pipe = false;
            continue;
        }
        match c {
            '\\' => (escaped, ends_with_pipe) = (true, false),
            '|' => (pipes, ends_with_pipe) = (pipes + 1, true),
            c if c.is_whitespace() => {}
            _ => ends_with_pipe = false,
        }
    }
    if ends_with_pipe {
        pipes
    } else {
        pipes + 1
    }
}

/// Parses the scalar `key: value` lines of a YAML front matter block.
fn parse_front_matter(src: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in src.lines() {
        if line.starts_with(char::is_whitespace) || line.starts_with('-') || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || value.is_empty() {
            continue;
        }
        let unquoted = [('"', '"'), ('\'', '\'')]
            .iter()
            .find_map(|(a, b)| value.strip_prefix(*a)?.strip_suffix(*b))
            .unwrap_or(value);
        map.insert(key.to_string(), unquoted.to_string());
    }
    map
}

/// Plain-text accumulator for inline content.
#[derive(Default)]
struct Inline {
    out: String,
    pending: String,
    strong_open: Vec<usize>,
    strong: Vec<Range<usize>>,
}

impl Inline {
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.out.push_str(&decode_entities(&self.pending));
            self.pending.clear();
        }
    }
    fn literal(&mut self, s: &str) {
        self.flush();
        self.out.push_str(s);
    }
    fn strong(&mut self, start: bool) {
        self.flush();
        if start {
            self.strong_open.push(self.out.len());
        } else if let Some(begin) = self.strong_open.pop() {
            self.strong.push(begin..self.out.len());
        }
    }
    fn finish(mut self) -> Cell {
        self.flush();
        let lead = self.out.len() - self.out.trim_start().len();
        let text = self.out.trim().to_string();
        let clamp = |i: usize| i.saturating_sub(lead).min(text.len());
        let strong = self.strong.iter().map(|r| clamp(r.start)..clamp(r.end));
        Cell { strong: strong.collect(), text }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum OpenKind {
    Heading(u8),
    Paragraph,
    ListItem,
    Cell,
}

/// Blocks whose content is kept literally.
enum Raw {
    FrontMatter,
    Code(String),
    Html,
}

/// Turns the event stream into blocks.
#[derive(Default)]
struct Builder {
    front_matter: BTreeMap<String, String>,
    blocks: Vec<Block>,
    raw: Option<(Raw, String, usize)>,
    open: Option<(OpenKind, usize, Inline)>,
    table: Option<Table>,
    row: Option<TableRow>,
}

impl Builder {
    fn open(&mut self, kind: OpenKind, line: usize) {
        self.close();
        self.open = Some((kind, line, Inline::default()));
    }

    /// Finishes the open inline block, if any.
    fn close(&mut self) {
        let Some((kind, line, inline)) = self.open.take() else {
            return;
        };
        let cell = inline.finish();
        let text = cell.text.clone();
        match kind {
            OpenKind::Heading(level) => self.blocks.push(Block::Heading { level, text, line }),
            OpenKind::Paragraph if !text.is_empty() => self.blocks.push(Block::Paragraph { text, line }),
            OpenKind::ListItem if !text.is_empty() => self.blocks.push(Block::ListItem { text, line }),
            OpenKind::Cell => self.row.iter_mut().for_each(|row| row.cells.push(cell.clone())),
            OpenKind::Paragraph | OpenKind::ListItem => {}
        }
    }

    fn inline(&mut self, line: usize) -> &mut Inline {
        let new = || (OpenKind::Paragraph, line, Inline::default());
        &mut self.open.get_or_insert_with(new).2
    }

    fn end_raw(&mut self) {
        match self.raw.take() {
            Some((Raw::FrontMatter, text, _)) => self.front_matter = parse_front_matter(&text),
            Some((Raw::Code(info), text, line)) => self.blocks.push(Block::Code { info, text, line }),
            Some((Raw::Html, html, line)) => self.blocks.push(Block::Html { html, line }),
            None => {}
        }
    }

    fn event(&mut self, event: Event<'_>, line: usize, src: &str) {
        match event {
            Event::Text(t) | Event::Html(t) if self.raw.is_some() => {
                if let Some((_, text, _)) = self.raw.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => self.raw = Some((Raw::FrontMatter, String::new(), line)),
            Event::Start(Tag::CodeBlock(kind)) => {
                self.close();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.raw = Some((Raw::Code(info), String::new(), line));
            }
            Event::Start(Tag::HtmlBlock) => {
                self.close();
                self.raw = Some((Raw::Html, String::new(), line));
            }
            Event::End(TagEnd::MetadataBlock(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => self.end_raw(),
            Event::Start(Tag::Heading { level, .. }) => self.open(OpenKind::Heading(level as u8), line),
            Event::Start(Tag::Paragraph) => match self.open.as_mut() {
                // A loose list item: its paragraphs become lines of the item.
                Some((OpenKind::ListItem, _, inline)) => {
                    if !inline.out.is_empty() || !inline.pending.is_empty() {
                        inline.literal("\n");
                    }
                }
                _ => self.open(OpenKind::Paragraph, line),
            },
            Event::End(TagEnd::Paragraph) => {
                if matches!(self.open, Some((OpenKind::Paragraph, _, _))) {
                    self.close();
                }
            }
            Event::Start(Tag::Item) => self.open(OpenKind::ListItem, line),
            Event::Start(Tag::TableCell) => self.open(OpenKind::Cell, line),
            Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => self.close(),
            Event::Start(Tag::Table(_)) => {
                self.close();
                self.table = Some(Table { header: Vec::new(), rows: Vec::new(), line });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                let source_cells = count_cells(src);
                self.row = Some(TableRow { cells: Vec::new(), source_cells, line });
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(t), Some(r)) = (self.table.as_mut(), self.row.take()) {
                    t.header = r.cells.into_iter().map(|c| c.text).collect();
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (self.table.as_mut(), self.row.take()) {
                    t.rows.push(r);
                }
            }
            Event::End(TagEnd::Table) => self.blocks.extend(self.table.take().map(Block::Table)),
            Event::Start(Tag::List(_) | Tag::BlockQuote(_))
            | Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_))
            | Event::Rule => self.close(),
            Event::Start(Tag::Strong) => self.inline(line).strong(true),
            Event::End(TagEnd::Strong) => self.inline(line).strong(false),
            Event::Text(t) => self.inline(line).pending.push_str(&t),
            Event::Code(c) | Event::InlineMath(c) | Event::DisplayMath(c) => self.inline(line).literal(&c),
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, inline)) = self.open.as_mut() {
                    inline.literal("\n");
                }
            }
            _ => {}
        }
    }
}
