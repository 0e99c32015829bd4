//! Property tests of the planner on random prerequisite graphs: every topic exactly once, every
//! prerequisite before what needs it (topics and links), and the same bytes on every run.

use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};
use syllabus::{render, Source, Syllabus};

/// A random corpus as TOML files: topic `i` may require topics `j < i` (so it is a DAG), links
/// may require earlier links of their own topic or of a required topic. Ids are shuffled names
/// so that id order says nothing about the graph.
#[derive(Debug, Clone)]
struct Spec {
    staged: bool,
    stages: usize,
    names: Vec<String>,
    requires: Vec<Vec<usize>>,
    links: Vec<Vec<(u8, u32, Vec<usize>)>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..14, any::<bool>(), 1usize..5).prop_flat_map(|(n, staged, stages)| {
        let names = proptest::sample::subsequence(
            (0..40)
                .map(|i| format!("t{:02}-{}", (i * 7919) % 97, i))
                .collect::<Vec<_>>(),
            n,
        )
        .prop_shuffle();
        let requires = (0..n)
            .map(|i| proptest::sample::subsequence((0..i).collect::<Vec<_>>(), 0..=i.min(3)))
            .collect::<Vec<_>>();
        let links = (0..n)
            .map(|_| {
                proptest::collection::vec(
                    (
                        0u8..3,
                        1u32..200,
                        proptest::collection::vec(0usize..6, 0..3),
                    ),
                    1..5,
                )
            })
            .collect::<Vec<_>>();
        (Just(staged), Just(stages), names, requires, links).prop_map(
            |(staged, stages, names, requires, links)| Spec {
                staged,
                stages,
                names,
                requires,
                links,
            },
        )
    })
}

fn sources(spec: &Spec) -> Vec<Source> {
    let n = spec.names.len();
    let mut course = String::from("title = \"Random\"\ndescription = \"A random course.\"\n");
    if spec.staged {
        for s in 0..spec.stages {
            course.push_str(&format!(
                "[[stage]]\nid = \"s{s}\"\ntitle = \"S{s}\"\nguidance = \"G.\"\n"
            ));
        }
    }
    let mut out = vec![Source {
        path: "course.toml".into(),
        text: course,
    }];
    for i in 0..n {
        let mut text = format!("title = \"Topic {i}\"\nsummary = \"About {i}.\"\n");
        if spec.staged {
            // Stages grow with the index, so no topic needs one from a later stage.
            text.push_str(&format!("stage = \"s{}\"\n", i * spec.stages / n));
        }
        let req: Vec<String> = spec.requires[i]
            .iter()
            .map(|&j| format!("\"{}\"", spec.names[j]))
            .collect();
        text.push_str(&format!("requires = [{}]\n", req.join(", ")));
        for (k, (level, minutes, link_req)) in spec.links[i].iter().enumerate() {
            let level = ["intro", "intermediate", "advanced"][*level as usize];
            // Only earlier links of this topic: keeps the link graph acyclic.
            let reqs: BTreeSet<String> = link_req
                .iter()
                .filter(|&&r| r < k)
                .map(|r| format!("\"{}-l{r}\"", spec.names[i]))
                .collect();
            let reqs: Vec<String> = reqs.into_iter().collect();
            text.push_str(&format!(
                "[[link]]\nid = \"{name}-l{k}\"\nurl = \"https://example.com/{name}/{k}\"\ntitle = \"Reading {k}\"\nkind = \"article\"\nlevel = \"{level}\"\nminutes = {minutes}\nnote = \"Why.\"\nrequires = [{}]\n",
                reqs.join(", "),
                name = spec.names[i],
            ));
        }
        out.push(Source {
            path: format!("{}.toml", spec.names[i]).into(),
            text,
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn plans_respect_every_prerequisite(spec in spec()) {
        let loaded = Syllabus::from_sources(&sources(&spec)).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        let course = &loaded.course;
        let plan = loaded.whole_plan();

        let order: Vec<&str> = plan.topics().map(|t| t.id.as_str()).collect();
        let unique: BTreeSet<&str> = order.iter().copied().collect();
        prop_assert_eq!(order.len(), course.topics.len(), "every topic exactly once");
        prop_assert_eq!(unique.len(), order.len());

        let position: HashMap<&str, usize> = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for topic in &course.topics {
            for r in &topic.requires {
                prop_assert!(position[r.id.as_str()] < position[topic.id.as_str()],
                    "{} needs {} but comes first", topic.id, r.id);
            }
        }

        let links: Vec<&str> = plan.links().map(|l| l.id.as_str()).collect();
        prop_assert_eq!(links.len(), course.links().count(), "every link exactly once");
        let link_pos: HashMap<&str, usize> = links.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for link in course.links() {
            for r in &link.requires {
                prop_assert!(link_pos[r.id.as_str()] < link_pos[link.id.as_str()]);
            }
        }

        let stage_minutes: u32 = plan.stages.iter().map(|s| s.minutes).sum();
        prop_assert_eq!(plan.total_minutes, stage_minutes);

        // Deterministic: loading again, from files in another order, gives the same bytes.
        let mut reversed = sources(&spec);
        reversed.reverse();
        let again = Syllabus::from_sources(&reversed).unwrap();
        let plan2 = again.whole_plan();
        prop_assert_eq!(render::json(&plan), render::json(&plan2));
    }
}

#[test]
fn a_cycle_is_reported_with_its_whole_path() {
    let topic = |id: &str, req: &str| {
        Source {
        path: format!("{id}.toml").into(),
        text: format!(
            "title = \"{id}\"\nsummary = \"s\"\nrequires = [\"{req}\"]\n[[link]]\nid = \"l-{id}\"\nurl = \"https://e.com/{id}\"\ntitle = \"t\"\nkind = \"paper\"\nlevel = \"intro\"\nminutes = 5\nnote = \"n\"\n"
        ),
    }
    };
    let course = Source {
        path: "course.toml".into(),
        text: "title = \"c\"\ndescription = \"d\"\n".into(),
    };
    let error =
        Syllabus::from_sources(&[course, topic("x", "y"), topic("y", "z"), topic("z", "x")])
            .unwrap_err();
    let errors = error.diagnostics();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "topic prerequisite cycle: x -> z -> y -> x"
    );
    assert_eq!(
        errors[0].origin.as_ref().unwrap().to_string(),
        "x.toml:3:13"
    );
}
