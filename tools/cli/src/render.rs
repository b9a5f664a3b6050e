//! HTML, Markdown and CSV: the library's renderers (`ducha::render`), with
//! the byte-order mark that Excel needs as an option for CSV.

use ducha::Scorecard;
use ducha::batch::Batch;
use ducha::render::{BatchOptions, HtmlOptions};

use crate::args::Format;

/// The scorecard in `format` (html, md or csv; a table or JSON is not this
/// module's).
pub fn scorecard(card: &Scorecard<'_>, format: Format, bom: bool) -> String {
    match format {
        Format::Html => ducha::render::html(card, &HtmlOptions::new()),
        Format::Markdown => ducha::render::markdown(card),
        Format::Csv => ducha::render::csv(card, bom),
        Format::Table | Format::Text | Format::Json => String::new(),
    }
}

/// The batch report in `format` (html, md or csv).
pub fn batch<E: std::fmt::Display>(
    batch: &Batch<'_, E>,
    options: &BatchOptions,
    format: Format,
    bom: bool,
) -> String {
    match format {
        Format::Html => ducha::render::batch_html(batch, options),
        Format::Markdown => ducha::render::batch_markdown(batch, options),
        Format::Csv => ducha::render::batch_csv(batch, options, bom),
        Format::Table | Format::Text | Format::Json => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_the_library_s() {
        let rubric = ducha::seed::yuxi();
        let inspection = ducha::Inspection::new().with("2b", true).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        assert_eq!(
            scorecard(&card, Format::Html, false),
            ducha::render::html(&card, &HtmlOptions::new())
        );
        assert_eq!(
            scorecard(&card, Format::Markdown, false),
            ducha::render::markdown(&card)
        );
        assert!(scorecard(&card, Format::Csv, true).starts_with('\u{feff}'));
        assert!(!scorecard(&card, Format::Csv, false).starts_with('\u{feff}'));
    }
}
