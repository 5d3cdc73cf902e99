//! Where each phase, milestone and task of a plan is written: the sections (节) around it, so
//! that a check can compare only what one part of a notice says together (a plan's 热源侧 and
//! 用户侧 time nodes are two timelines, not one).

use crate::model::{Block, Plan};

/// The sections of a plan, and the chain of sections each of its items is written in.
pub(super) struct Sections {
    /// Each section's title, by the number the walk gave it.
    pub(super) titles: Vec<String>,
    /// For each of the plan's phases, milestones and tasks: the sections it is written in,
    /// outermost first (empty at the plan's top level).
    pub(super) phase: Vec<Vec<usize>>,
    pub(super) milestone: Vec<Vec<usize>>,
    pub(super) task: Vec<Vec<usize>>,
}

impl Sections {
    pub(super) fn of(plan: &Plan) -> Sections {
        let mut s = Sections {
            titles: Vec::new(),
            phase: vec![Vec::new(); plan.phases.len()],
            milestone: vec![Vec::new(); plan.milestones.len()],
            task: vec![Vec::new(); plan.tasks.len()],
        };
        s.walk(plan, &plan.content, &mut Vec::new());
        s
    }

    fn walk(&mut self, plan: &Plan, blocks: &[Block], path: &mut Vec<usize>) {
        for b in blocks {
            let slot = match b {
                Block::Section { title, content, .. } => {
                    self.titles.push(title.clone());
                    path.push(self.titles.len() - 1);
                    self.walk(plan, content, path);
                    path.pop();
                    continue;
                }
                Block::Attachment { index } => {
                    if let Some(a) = plan.attachments.get(*index) {
                        self.walk(plan, &a.content, path);
                    }
                    continue;
                }
                Block::Phase { index } => self.phase.get_mut(*index),
                Block::Milestone { index } => self.milestone.get_mut(*index),
                Block::Task { index } => self.task.get_mut(*index),
                _ => None,
            };
            if let Some(slot) = slot {
                slot.clone_from(path);
            }
        }
    }
}
