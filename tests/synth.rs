//! The synthetic corpus generator (`policyc::synth`, `policyc-gen`) writes files that compile:
//! no syntax error, every name and unit resolved. Only the checks' findings may remain, since
//! the generator writes a few mistakes on purpose.

use policyc::diagnostics::{human::render_human, SourceMap};
use policyc::driver::compile_source;
use policyc::synth;

fn compiles_cleanly(name: &str, text: &str) {
    let mut map = SourceMap::new();
    let file = map.add(name, text);
    let (policy, diags) = compile_source(text, name, file, &[]);
    let front_end: Vec<_> = diags.iter().filter(|d| d.code.starts_with('E')).collect();
    assert!(
        policy.is_some() && front_end.is_empty(),
        "{name}:\n{}",
        render_human(&map, &diags, false)
    );
}

#[test]
fn generated_notices_compile() {
    for (name, text) in synth::corpus(1, 12) {
        compiles_cleanly(&name, &text);
    }
}

#[test]
fn scaled_notices_compile() {
    let mut rng = synth::Rng::new(5);
    let shape = synth::Shape::sample(&mut rng).scaled(10);
    compiles_cleanly("scaled.policy", &synth::notice(5, &shape));
}

#[test]
fn generated_plans_compile_and_keep_every_task() {
    let plan = synth::plan(2, 300);
    let text = plan.to_policy();
    compiles_cleanly("plan.policy", &text);
    let mut map = SourceMap::new();
    let file = map.add("plan.policy", text.as_str());
    let (policy, _) = compile_source(&text, "plan.policy", file, &[]);
    let policy = policy.unwrap();
    assert_eq!(policy.plans[0].tasks.len(), 300);
    assert_eq!(policy.plans[0].phases.len(), plan.phases.len());
    let first = &plan.phases[0].tasks[0];
    let task = &policy.plans[0].tasks[0];
    let (y, m, d) = first.start;
    assert_eq!(
        task.period
            .as_ref()
            .and_then(|t| t.start)
            .map(|d| d.to_string()),
        Some(format!("{y:04}-{m:02}-{d:02}"))
    );
    assert!(plan
        .to_tjp()
        .contains(&format!("task t1 \"{}\"", first.title)));
}
