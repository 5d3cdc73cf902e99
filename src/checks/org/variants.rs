//! O402: one unit declared under two names, reported once per unit with where each name is used.

use std::collections::HashMap;

use super::*;

/// At most `shown` items, then 等N个 for all of them: a finding about 2,000 names stays
/// readable (the labels of `--format json` still list every one).
pub(super) fn listed(items: &[String], sep: &str, shown: usize) -> String {
    if items.len() <= shown + 1 {
        return items.join(sep);
    }
    format!("{}等{}个", items[..shown].join(sep), items.len())
}

/// Names quoted in a message before 等N个.
pub(super) const NAMES_SHOWN: usize = 5;

/// O402: one unit declared under two names that are not declared the same.
pub fn one_unit_two_names(f: &mut Findings) {
    let units = &f.policy.units;
    let n = units.len();
    // Union-find over units that probably are one.
    let mut root: Vec<usize> = (0..n).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    let generic: Vec<bool> = units
        .iter()
        .map(|u| names(u).all(|x| parts(x).class == Class::Generic))
        .collect();
    let near = near_pairs(units);
    let mut candidates: Vec<(usize, usize, Same)> = Vec::new();
    for &(i, j) in &near {
        if generic[i] || generic[j] {
            continue;
        }
        if let Some(s) = units_same(&units[i], &units[j]) {
            candidates.push((i, j, s));
        }
    }
    // A name that fits units of two jurisdictions (住房和城乡建设和交通局 fitting both
    // 市住建局 and 区住建局) names neither for sure: leave it out rather than join them.
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, b, _) in &candidates {
        partners[*a].push(*b);
        partners[*b].push(*a);
    }
    let ambiguous: Vec<bool> = partners
        .iter()
        .map(|p| two_jurisdictions(units, p))
        .collect();
    // Only the pairs that join names not yet joined are kept as reasons: enough to say why
    // each name is in, without every pairwise comparison of a five-name cluster.
    let mut pairs: Vec<(usize, usize, Same)> = Vec::new();
    for (i, j, s) in candidates {
        if ambiguous[i] || ambiguous[j] {
            continue;
        }
        let (a, b) = (find(&mut root, i), find(&mut root, j));
        if a != b {
            root[b] = a;
            pairs.push((i, j, s));
        }
    }
    // A generic name (供电部门) joins the specific names it fits only when they are already
    // one unit: fitting 东河供电分局 and 九原供电分局, two different branches, it names neither.
    let mut near_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(i, j) in &near {
        if generic[i] {
            near_of[i].push(j);
        }
        if generic[j] {
            near_of[j].push(i);
        }
    }
    for g in (0..n).filter(|&g| generic[g]) {
        near_of[g].sort_unstable();
        let fits: Vec<(usize, Same)> = near_of[g]
            .iter()
            .copied()
            .filter(|&j| j != g && !generic[j] && !ambiguous[j])
            .filter_map(|j| units_same(&units[g], &units[j]).map(|s| (j, s)))
            .collect();
        let Some(first) = fits.first().map(|(j, _)| *j) else {
            continue;
        };
        let r = find(&mut root, first);
        if fits.iter().any(|(j, _)| find(&mut root, *j) != r) {
            continue;
        }
        root[g] = r;
        for (j, s) in fits {
            pairs.push((g.min(j), g.max(j), s));
        }
    }
    let mut paired = vec![false; n];
    for (a, b, _) in &pairs {
        paired[*a] = true;
        paired[*b] = true;
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| paired[i]) {
        let r = find(&mut root, i);
        clusters.entry(r).or_default().push(i);
    }
    // Each cluster's pairs, in the order they were found.
    let mut pairs_of: HashMap<usize, Vec<&(usize, usize, Same)>> = HashMap::new();
    for p in &pairs {
        pairs_of.entry(find(&mut root, p.0)).or_default().push(p);
    }
    let mut clusters: Vec<(usize, Vec<usize>)> = clusters.into_iter().collect();
    clusters.sort_by_key(|(_, c)| c.first().copied());
    let of_cluster = |r: &usize| pairs_of.get(r).map_or(&[][..], Vec::as_slice);
    // Towns and streets written both bare and with 人民政府/办事处, one pair each: one note.
    let (variants, clusters): (Vec<_>, Vec<_>) = clusters
        .into_iter()
        .partition(|(r, c)| c.len() == 2 && of_cluster(r).iter().all(|(_, _, s)| s.variant));
    if variants.len() > 1 {
        let variants: Vec<Vec<usize>> = variants.iter().map(|(_, c)| c.clone()).collect();
        report_variants(f, &variants);
    }
    let singles = if variants.len() > 1 {
        Vec::new()
    } else {
        variants
    };
    let usages = Usages::of(f);
    for (r, members) in clusters.into_iter().chain(singles) {
        let in_cluster = of_cluster(&r);
        let quoted: Vec<String> = members
            .iter()
            .map(|&i| format!("“{}”", units[i].name))
            .collect();
        let severity = in_cluster
            .iter()
            .map(|(_, _, s)| s.severity)
            .max()
            .unwrap_or(Severity::Note);
        let message = if quoted.len() <= NAMES_SHOWN + 1 {
            format!(
                "{}可能是同一单位的{}个名称，但没有声明为同一单位",
                quoted.concat(),
                chinese_count(members.len())
            )
        } else {
            format!(
                "{}等{}个名称可能是同一单位的名称，但没有声明为同一单位",
                quoted[..NAMES_SHOWN].concat(),
                members.len()
            )
        };
        let mut d = f.new_diag("O402", message);
        d.severity = severity;
        for (k, &i) in members.iter().enumerate() {
            let u = &units[i];
            let label = format!("声明为{}“{}”", u.kind, u.name);
            d = if k == 0 {
                d.with_primary(u.span, label)
            } else {
                d.with_secondary(u.span, label)
            };
        }
        for (_, _, s) in in_cluster {
            d = d.with_note(s.reason.clone());
        }
        let uses: Vec<String> = members
            .iter()
            .filter_map(|&i| {
                let u = usages.of_unit(&units[i].name);
                (!u.is_empty()).then(|| format!("“{}”用于{}", units[i].name, u.join("、")))
            })
            .collect();
        if !uses.is_empty() {
            d = d.with_note(format!(
                "各名称的用处：{}",
                listed(&uses, "；", NAMES_SHOWN)
            ));
        }
        let (full, rest) = full_and_rest(units, &members);
        let rest: Vec<String> = rest.into_iter().map(str::to_string).collect();
        d = d.with_help(format!(
            "若是同一单位，只声明一次，其余写作别称：{full}（又称 {}）；若确是不同单位，可忽略本提示",
            listed(&rest, "、", NAMES_SHOWN)
        ));
        f.report(d);
    }
}

/// Whether the units a name fits are of two jurisdictions that are never one (市住建局,
/// 区住建局).
pub(super) fn two_jurisdictions(units: &[OrgUnit], partners: &[usize]) -> bool {
    let mut places: Vec<Rc<Parts>> = Vec::new();
    for &i in partners {
        let p = parts(&units[i].name);
        if p.place.is_empty() || places.iter().any(|q| q.place == p.place) {
            continue;
        }
        // Places that all agree pairwise are at most one of one character and one longer:
        // a third distinct place always disagrees with one of them.
        if places.len() == 2 {
            return true;
        }
        places.push(p);
    }
    matches!(places.as_slice(), [a, b] if !places_agree(&a.place, &b.place))
}

/// The full name of a cluster: a specific name before a generic one (区财政局, not 财政部门),
/// then the longest; and the other names.
pub(super) fn full_and_rest<'u>(
    units: &'u [OrgUnit],
    members: &[usize],
) -> (&'u str, Vec<&'u str>) {
    let full = members
        .iter()
        .map(|&i| units[i].name.as_str())
        .max_by_key(|s| (parts(s).class != Class::Generic, s.chars().count()))
        .unwrap_or_default();
    let rest = members
        .iter()
        .map(|&i| units[i].name.as_str())
        .filter(|s| *s != full)
        .collect();
    (full, rest)
}

/// Several towns or streets each written bare and with its government's or office's name: one
/// note listing them all.
pub(super) fn report_variants(f: &mut Findings, variants: &[Vec<usize>]) {
    let units = &f.policy.units;
    let listed: Vec<String> = variants
        .iter()
        .map(|c| {
            let (full, rest) = full_and_rest(units, c);
            format!("{}／{full}", rest.join("／"))
        })
        .collect();
    let mut d = f.new_diag(
        "O402",
        format!(
            "{}个乡镇、街道各有两种写法，没有声明为同一单位：{}",
            variants.len(),
            listed.join("、")
        ),
    );
    d.severity = Severity::Note;
    for (k, c) in variants.iter().enumerate() {
        for &i in c {
            let u = &units[i];
            let label = format!("“{}”", u.name);
            d = if k == 0 {
                d.with_primary(u.span, label)
            } else {
                d.with_secondary(u.span, label)
            };
        }
    }
    let (full, rest) = full_and_rest(units, &variants[0]);
    d = d
        .with_note("乡镇、街道常以地名指代其人民政府或办事处，两种写法并存不算错，但统计和分工会把它们当作两个单位")
        .with_help(format!(
            "在“单位”中每个乡镇、街道只声明一次，另一种写法写作别称，例如：{full}（又称 {}）",
            rest.join("、")
        ));
    f.report(d);
}

pub(super) fn chinese_count(n: usize) -> String {
    match n {
        2 => "两".into(),
        3 => "三".into(),
        4 => "四".into(),
        5 => "五".into(),
        n => n.to_string(),
    }
}

/// Where each unit is named: 任务3的牵头单位, 郝建忠（成员）; read once for all units.
pub(super) struct Usages<'p> {
    by_unit: HashMap<&'p str, Vec<String>>,
}

impl<'p> Usages<'p> {
    fn of(f: &Findings<'p>) -> Usages<'p> {
        let mut by_unit: HashMap<&'p str, Vec<String>> = HashMap::new();
        for t in all_tasks(f) {
            for (k, list) in [
                ("牵头单位", &t.lead),
                ("责任单位", &t.responsible),
                ("配合单位", &t.cooperating),
                ("实施单位", &t.implementing),
            ] {
                // Once per task and kind of duty, however often the list names the unit.
                let mut seen: Vec<&str> = Vec::new();
                for name in list.iter().filter_map(|r| r.unit.as_deref()) {
                    if seen.contains(&name) {
                        continue;
                    }
                    seen.push(name);
                    let n = t
                        .number
                        .as_deref()
                        .map_or_else(|| "任务".to_string(), |n| format!("任务{n}"));
                    by_unit.entry(name).or_default().push(format!("{n}的{k}"));
                }
            }
        }
        for g in all_groups(f) {
            for m in members(g) {
                if let Some(unit) = m.unit.as_deref() {
                    by_unit
                        .entry(unit)
                        .or_default()
                        .push(match (&m.person, &m.post) {
                            (Some(p), _) => format!("{p}（{}）", m.role),
                            (None, Some(post)) => format!("{}（{post}）", m.role),
                            (None, None) => m.role.clone(),
                        });
                }
            }
            if let Some(unit) = g
                .office
                .as_ref()
                .and_then(|o| o.seat.as_ref())
                .and_then(|s| s.unit.as_deref())
            {
                by_unit
                    .entry(unit)
                    .or_default()
                    .push("办公室所在单位".to_string());
            }
        }
        for uses in by_unit.values_mut() {
            uses.dedup();
        }
        Usages { by_unit }
    }

    fn of_unit(&self, name: &str) -> &[String] {
        self.by_unit.get(name).map_or(&[], Vec::as_slice)
    }
}
