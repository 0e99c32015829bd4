//! `syllabus suggest`: the topic suggester that `import` uses, on one title or, with
//! `--evaluate`, measured on the corpus itself by leave-one-out.

use super::args::SuggestArgs;
use super::load;
use super::terminal::emit;
use crate::answer;
use crate::error::Error;
use crate::import::Candidate;

pub fn run(args: &SuggestArgs) -> Result<(), Error> {
    if let Some(labels) = &args.labels {
        let evaluation = crate::import::labels::evaluate(labels)?;
        return emit(&answer::labelled(&evaluation, args.show.as_deref()), None);
    }
    let syllabus = load(&args.corpus)?;
    let mut suggester = syllabus.suggester()?;
    let text = if args.evaluate {
        answer::evaluation(&suggester.evaluate(&syllabus.course))
    } else {
        let candidate = Candidate {
            title: args.title.clone().unwrap_or_default(),
            note: args.note.clone(),
            url: args.url.clone().unwrap_or_default(),
            ..Candidate::default()
        };
        answer::suggestion(&suggester.suggest(&candidate))
    };
    emit(&text, None)
}
