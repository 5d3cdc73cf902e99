//! The organisation: declared units, references to them, groups and their members.

use super::*;

impl Lower<'_> {
    // ───────────── organisation ─────────────

    pub(super) fn collect_plan_units(&mut self, items: &[ast::Item]) {
        for item in items {
            match item {
                ast::Item::Units(u) => self.units(u),
                ast::Item::Section(s) => self.collect_plan_units(&s.items),
                ast::Item::Attachment(a) => self.collect_plan_units(&a.items),
                _ => {}
            }
        }
    }

    pub(super) fn units(&mut self, block: &ast::UnitsBlock) {
        for line in &block.lines {
            for decl in &line.units {
                let all_names = std::iter::once(&decl.name).chain(decl.aliases.iter());
                let mut clash = None;
                for n in all_names {
                    if self.find_unit(&n.value).is_some() {
                        clash = Some(n.clone());
                    }
                }
                if let Some(n) = clash {
                    self.error(
                        "E0102",
                        format!("单位“{}”重复声明", n.value),
                        n.span,
                        "已在前面声明过",
                    )
                    .help = Some("每个单位只声明一次；别称写在（又称 …）中".into());
                    continue;
                }
                let k = self.policy.units.len();
                for n in std::iter::once(&decl.name).chain(decl.aliases.iter()) {
                    self.unit_index.entry(n.value.clone()).or_insert(k);
                }
                self.policy.units.push(OrgUnit {
                    name: decl.name.value.clone(),
                    kind: line.kind.value.clone(),
                    aliases: decl.aliases.iter().map(|a| a.value.clone()).collect(),
                    span: decl.name.span,
                });
            }
        }
    }

    pub(super) fn find_unit(&self, name: &str) -> Option<&OrgUnit> {
        self.unit_index.get(name).map(|&k| &self.policy.units[k])
    }

    pub(super) fn unit_ref(&mut self, t: &ast::Text) -> UnitRef {
        let unit = self.find_unit(&t.value).map(|u| u.name.clone());
        if unit.is_none() {
            let near = self
                .policy
                .units
                .iter()
                .find(|u| {
                    std::iter::once(&u.name)
                        .chain(u.aliases.iter())
                        .any(|n| n.contains(t.value.as_str()) || t.value.contains(n.as_str()))
                })
                .map(|u| u.name.clone())
                .or_else(|| self.unit_spelled_like(&t.value));
            let d = self.error(
                "E0103",
                format!("单位“{}”未在“单位”中声明", t.value),
                t.span,
                "未声明的单位",
            );
            d.help = Some(match near {
                Some(n) => format!(
                    "是否指“{n}”？若是，请在“单位”中把它写作别称：{n}（又称 {}）",
                    t.value
                ),
                None => format!("请在“单位 {{ … }}”中声明“{}”", t.value),
            });
        }
        UnitRef {
            written: t.value.clone(),
            unit,
            span: t.span,
        }
    }

    /// The declared unit that `written` abbreviates (县住建局 for 县住房和城乡建设局) or
    /// misspells by a character, by any of its names.
    fn unit_spelled_like(&self, written: &str) -> Option<String> {
        let names = || {
            self.policy
                .units
                .iter()
                .flat_map(|u| std::iter::once(&u.name).chain(u.aliases.iter()))
                .map(String::as_str)
        };
        let name =
            suggest::expansion(written, names()).or_else(|| suggest::nearest(written, names()))?;
        self.find_unit(name).map(|u| u.name.clone())
    }

    pub(super) fn unit_refs(&mut self, list: &[ast::Text]) -> Vec<UnitRef> {
        list.iter().map(|t| self.unit_ref(t)).collect()
    }

    pub(super) fn group(&mut self, g: &ast::Group) -> Group {
        Group {
            kind: g.kind.value.clone(),
            name: g.name.value.clone(),
            members: g.members.iter().map(|m| self.member(m)).collect(),
            office: g.office.as_ref().map(|o| Office {
                seat: o.seat.as_ref().map(|s| self.unit_ref(s)),
                members: o.members.iter().map(|m| self.member(m)).collect(),
                paragraphs: o.paragraphs.iter().map(|p| p.value.clone()).collect(),
                span: o.span,
            }),
            subgroups: g.subgroups.iter().map(|s| self.group(s)).collect(),
            paragraphs: g.paragraphs.iter().map(|p| p.value.clone()).collect(),
            span: g.span,
        }
    }

    pub(super) fn member(&mut self, m: &ast::Member) -> Member {
        let mut post = m.post.as_ref().map(|p| p.value.clone());
        let padded = |s: &str| s.contains(char::is_whitespace).then(|| s.to_string());
        let unpadded = |s: &str| s.split_whitespace().collect::<String>();
        let mut person_written = None;
        let (mut person, mut name_missing, collective) = match &m.person {
            ast::Person::Named(t) => {
                person_written = padded(&t.value);
                (Some(unpadded(&t.value)), false, false)
            }
            ast::Person::Missing(_) => (None, true, false),
            ast::Person::Collective(_) => (None, false, true),
        };
        let mut slip = None;
        if person.as_deref().is_some_and(|p| p.trim().is_empty()) {
            // 成员：｜县财政局局长 — the name left blank: as if the notice omitted it.
            (person, name_missing, slip) = (None, true, Some(MemberSlip::EmptyName));
        } else if post.is_none() {
            // 成员：县财政局局长 — a post where the name goes: read as the post.
            if let Some(p) = person.as_deref().filter(|p| self.reads_as_post(p)) {
                post = Some(p.to_string());
                (person, name_missing, slip) = (None, true, Some(MemberSlip::PostAsName));
            }
        }
        // The unit is the longest declared name or alias the post begins with
        // (区发展和改革局局长 → 区发展和改革局).
        let unit = post.as_deref().and_then(|p| self.unit_a_post_names(p));
        if person.is_none() {
            person_written = None;
        }
        Member {
            role: unpadded(&m.role.value),
            role_written: padded(&m.role.value),
            person_written,
            person,
            name_missing,
            collective,
            post,
            unit,
            slip,
            span: m.span,
        }
    }

    /// The declared unit whose name or alias is the longest beginning of `post`.
    fn unit_a_post_names(&self, post: &str) -> Option<String> {
        post.char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .rev()
            .find_map(|end| self.find_unit(&post[..end]))
            .map(|u| u.name.clone())
    }

    /// Text written where a person's name goes that is a post: a declared unit followed by
    /// more (县财政局局长), or a body and a title (县农业农村局局长). A name is a few
    /// characters with no unit and no title in it.
    fn reads_as_post(&self, text: &str) -> bool {
        let unit_and_more = text
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .any(|end| end < text.len() && self.find_unit(&text[..end]).is_some());
        unit_and_more || post_body(text).is_some()
    }
}
